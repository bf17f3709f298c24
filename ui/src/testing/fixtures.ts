/**
 * Fixture data for UI tests, shaped exactly like the command results
 * (`src/lib/api/bindings`), and a mock backend that serves it through
 * `mockIPC`. Used only by `*.test.ts` files.
 */

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AccountRow,
  BankCsvScreen,
  BookStatus,
  CallForm,
  CallSheet,
  CommandError,
  CustomerDetail,
  CustomerRow,
  CustomerUpdate,
  FieldOption,
  FilePreview,
  ImportOutcome,
  ImportProgress,
  InvoiceRow,
  Language,
  LedgerMapping,
  LedgerMappingScreen,
  LetterPreview,
  LetterRow,
  MadeLetterView,
  NextStepView,
  OutboxLetter,
  SendOutcome,
  PlanView,
  Receivables,
  StatementPreview,
  TodayList,
  TransactionRow,
  UnlinkedDocument,
} from "../lib/api/types";

export const BOOK: BookStatus = { path: "/home/test/.local/share/tegoed/book.db", empty: false };

export const EMPTY_BOOK: BookStatus = { path: BOOK.path, empty: true };

function invoice(
  number: string,
  customer: string,
  due_date: string,
  open_amount: string,
  days_overdue: number,
  stage = "none",
): InvoiceRow {
  return {
    number,
    customer,
    customer_code: customer.slice(0, 3).toUpperCase(),
    invoice_date: "2026-09-01",
    due_date,
    amount: open_amount,
    open_amount,
    currency: "EUR",
    status: "open",
    days_overdue,
    stage,
    disputed: false,
  };
}

export const RECEIVABLES: Receivables = {
  as_of: "2026-11-27",
  total_open: "12345.67",
  total_overdue: "9876.54",
  n_open: 4,
  n_overdue: 3,
  ageing: [
    { key: "not_due", amount: "2469.13", count: 1 },
    { key: "d1_30", amount: "1210.00", count: 1 },
    { key: "d31_60", amount: "0.00", count: 0 },
    { key: "d61_90", amount: "8666.54", count: 1 },
    { key: "d90_plus", amount: "0.00", count: 0 },
  ],
  invoices: [
    invoice("2026-0101", "Bakkerij de Vries", "2026-08-31", "8666.54", 88, "demand"),
    invoice("2026-0140", "Jansen Installatie", "2026-11-01", "1210.00", 26, "reminder_1"),
    invoice("2026-0150", "Fietsenmaker Bos", "2026-11-20", "0.00", 7),
    invoice("2026-0171", "Café 't Hoekje", "2026-12-15", "2469.13", 0),
  ],
};

export const EMPTY_RECEIVABLES: Receivables = {
  as_of: "2026-11-27",
  total_open: "0.00",
  total_overdue: "0.00",
  n_open: 0,
  n_overdue: 0,
  ageing: RECEIVABLES.ageing.map((bucket) => ({ ...bucket, amount: "0.00", count: 0 })),
  invoices: [],
};

export const CUSTOMERS: CustomerRow[] = [
  {
    code: "BAK",
    name: "Bakkerij de Vries",
    email: "info@bakkerijdevries.nl",
    consumer: false,
    n_open: 1,
    total_open: "8666.54",
    total_overdue: "8666.54",
    hold: "a payment of 250.00 on 2026-11-22 from NL41INGB0100733103 could not be placed",
  },
  {
    code: "PIE",
    name: "Piet Pietersen",
    email: null,
    consumer: true,
    n_open: 0,
    total_open: "0.00",
    total_overdue: "0.00",
    hold: null,
  },
];

export const ACCOUNTS: AccountRow[] = [
  {
    iban: "NL91ABNA0417164300",
    name: "Zakelijke rekening",
    last_updated: "2026-11-26",
    n_statements: 12,
    n_transactions: 348,
  },
];

export const TRANSACTIONS: TransactionRow[] = [
  {
    id: 1,
    booking_date: "2026-11-25",
    amount: "1210.00",
    counterparty_name: "Jansen Installatie BV",
    counterparty_iban: "NL02RABO0123456789",
    remittance: "Factuur 2026-0139",
    state: "matched",
    invoices: ["2026-0139"],
    reason: "Invoice number in the description, amount equal",
    confidence: 98,
  },
  {
    id: 2,
    booking_date: "2026-11-24",
    amount: "-45.99",
    counterparty_name: "Telecom NL",
    counterparty_iban: null,
    remittance: "Abonnement november",
    state: "ignored",
    invoices: [],
    reason: null,
    confidence: null,
  },
];

export const LETTERS: LetterRow[] = [];

const STATEMENT_OCTOBER: StatementPreview = {
  account: "NL91ABNA0417164300",
  currency: "EUR",
  from: "2026-10-01",
  to: "2026-10-31",
  count: 42,
  credits: "12345.67",
  debits: "-2345.60",
  sum: "10000.07",
  opening: "1000.00",
  closing: "11000.07",
  adds_up: true,
};

const STATEMENT_NOVEMBER: StatementPreview = {
  account: "NL91ABNA0417164300",
  currency: "EUR",
  from: "2026-11-02",
  to: "2026-11-26",
  count: 7,
  credits: "1210.00",
  debits: "-45.99",
  sum: "1164.01",
  opening: "11100.07",
  closing: "12264.08",
  adds_up: false,
};

/** A bank file with two statements, the second of which does not add up. */
export const BANK_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/abn-2026.sta",
  file: "abn-2026.sta",
  kind: "bank",
  format: "mt940",
  statements: [STATEMENT_OCTOBER, STATEMENT_NOVEMBER],
  customers: 0,
  invoices: 0,
  invoice_number: null,
  warnings: ["Statement 2 opens at 11100.07 but statement 1 closed at 11000.07"],
  error: null,
  needs_mapping: false,
};

/** A ledger export. */
export const LEDGER_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/debiteuren.xlsx",
  file: "debiteuren.xlsx",
  kind: "ledger",
  format: "xlsx",
  statements: [],
  customers: 12,
  invoices: 40,
  invoice_number: null,
  warnings: [],
  error: null,
  needs_mapping: false,
};

/** An invoice PDF whose name carries its number. */
export const PDF_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/factuur-2026-0142.pdf",
  file: "factuur-2026-0142.pdf",
  kind: "invoice_pdf",
  format: "pdf",
  statements: [],
  customers: 0,
  invoices: 0,
  invoice_number: "2026-0142",
  warnings: [],
  error: null,
  needs_mapping: false,
};

/** A file that cannot be read. */
export const BROKEN_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/export.csv",
  file: "export.csv",
  kind: null,
  format: null,
  statements: [],
  customers: 0,
  invoices: 0,
  invoice_number: null,
  warnings: [],
  error: "export.csv line 3: expected a date in column 'Datum', found 'gisteren'",
  needs_mapping: false,
};

/** A CSV ledger whose columns Tegoed did not recognise: it needs a mapping. */
export const UNMAPPED_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/export-boekhouding.csv",
  file: "export-boekhouding.csv",
  kind: "ledger",
  format: "csv",
  statements: [],
  customers: 0,
  invoices: 0,
  invoice_number: null,
  warnings: [],
  error:
    "export-boekhouding.csv: no invoice columns recognised; headers seen: sheet 'export-boekhouding' row 2: 'Nr', 'Wie', 'Wanneer', 'Totaal', 'Nog te ontvangen'",
  needs_mapping: true,
};

const INVOICE_FIELDS = [
  "invoice_number",
  "customer_code",
  "customer_name",
  "invoice_date",
  "due_date",
  "amount",
  "open_amount",
  "currency",
  "reference",
  "status",
  "credited_invoice",
  "payment_term",
  "order_number",
  "email",
  "iban",
];

const CUSTOMER_ONLY_FIELDS = [
  "address",
  "postal_code",
  "city",
  "language",
  "consumer",
  "own_terms",
  "phone",
  "contact_person",
  "kvk_number",
];

const INVOICE_ONLY_FIELDS = [
  "invoice_number",
  "invoice_date",
  "due_date",
  "amount",
  "open_amount",
  "currency",
  "reference",
  "status",
  "credited_invoice",
  "order_number",
];

/** The ledger fields in Rust's order, with the tables they belong on. */
export const LEDGER_FIELDS: FieldOption[] = [...INVOICE_FIELDS, ...CUSTOMER_ONLY_FIELDS].map(
  (key) => ({
    key,
    on_invoices: INVOICE_FIELDS.includes(key),
    on_customers: !INVOICE_ONLY_FIELDS.includes(key),
  }),
);

/** The mapping screen of {@link UNMAPPED_PREVIEW}: a title row, the headers, then invoices. */
export const UNMAPPED_SCREEN: LedgerMappingScreen = {
  path: UNMAPPED_PREVIEW.path,
  sheets: [
    {
      name: "export-boekhouding",
      n_rows: 42,
      rows: [
        ["Export boekhouding 27-11-2026"],
        ["Nr", "Wie", "Wanneer", "Totaal", "Nog te ontvangen"],
        ["F-101", "Bakkerij de Vries", "01-09-2026", "8.666,54", "8.666,54"],
        ["F-102", "Jansen Installatie", "02-10-2026", "1.210,00", "1.210,00"],
        ["F-103", "Fietsenmaker Bos", "21-10-2026", "100,00", "0,00"],
        ...Array.from({ length: 15 }, (_, index) => [
          `F-${104 + index}`,
          "Café 't Hoekje",
          "15-11-2026",
          "12,10",
          "12,10",
        ]),
      ],
    },
  ],
  mapping: null,
  saved: false,
  headers_seen:
    "sheet 'export-boekhouding' row 2: 'Nr', 'Wie', 'Wanneer', 'Totaal', 'Nog te ontvangen'",
  fields: LEDGER_FIELDS,
};

/** What Tegoed recognised in {@link LEDGER_PREVIEW}: an invoices and a customers sheet. */
export const RECOGNISED_MAPPING: LedgerMapping = {
  invoices: {
    sheet: "Facturen",
    header_row: 0,
    headers: ["Factuur", "Debiteur", "Datum", "Vervalt", "Bedrag", "Open"],
    columns: [
      { field: "invoice_number", column: 0, confidence: 98 },
      { field: "customer_code", column: 1, confidence: 73 },
      { field: "invoice_date", column: 2, confidence: 90 },
      { field: "due_date", column: 3, confidence: 88 },
      { field: "amount", column: 4, confidence: 95 },
      { field: "open_amount", column: 5, confidence: 91 },
    ],
  },
  customers: {
    sheet: "Klanten",
    header_row: 0,
    headers: ["Code", "Naam", "E-mail"],
    columns: [
      { field: "customer_code", column: 0, confidence: 97 },
      { field: "customer_name", column: 1, confidence: 99 },
      { field: "email", column: 2, confidence: 100 },
    ],
  },
};

/** The mapping screen of {@link LEDGER_PREVIEW}, starting from what was recognised. */
export const RECOGNISED_SCREEN: LedgerMappingScreen = {
  path: LEDGER_PREVIEW.path,
  sheets: [
    {
      name: "Facturen",
      n_rows: 41,
      rows: [
        ["Factuur", "Debiteur", "Datum", "Vervalt", "Bedrag", "Open"],
        ["2026-0101", "BAK", "01-09-2026", "31-08-2026", "8666,54", "8666,54"],
        ["2026-0140", "JAN", "02-10-2026", "01-11-2026", "1210,00", "1210,00"],
      ],
    },
    {
      name: "Klanten",
      n_rows: 13,
      rows: [
        ["Code", "Naam", "E-mail"],
        ["BAK", "Bakkerij de Vries", "info@bakkerijdevries.nl"],
        ["JAN", "Jansen Installatie", ""],
      ],
    },
    { name: "Notities", n_rows: 1, rows: [["Bijgewerkt op 27-11-2026"]] },
  ],
  mapping: RECOGNISED_MAPPING,
  saved: false,
  headers_seen: "",
  fields: LEDGER_FIELDS,
};

/** A CSV no reader recognised: a bank export or an invoice list, to be mapped. */
export const BANK_CSV_PREVIEW: FilePreview = {
  path: "/home/test/Downloads/rekening-export.csv",
  file: "rekening-export.csv",
  kind: null,
  format: "csv",
  statements: [],
  customers: 0,
  invoices: 0,
  invoice_number: null,
  warnings: [],
  error: "rekening-export.csv: no bank or ledger columns recognised",
  needs_mapping: true,
};

/** The bank mapping screen of {@link BANK_CSV_PREVIEW}: a header, then amounts with Af/Bij. */
export const BANK_CSV_SCREEN: BankCsvScreen = {
  path: BANK_CSV_PREVIEW.path,
  delimiter: ";",
  rows: [
    ["Datum", "Naam", "Rekening", "Tegenrekening", "Af Bij", "Bedrag", "Mededelingen", "Kenmerk"],
    [
      "27-11-2026",
      "Bakkerij de Vries",
      "NL91ABNA0417164300",
      "NL20INGB0001234567",
      "Bij",
      "8666,54",
      "Factuur 2026-0101",
      "REF1",
    ],
    [
      "26-11-2026",
      "Telecom NL",
      "NL91ABNA0417164300",
      "",
      "Af",
      "45,99",
      "Abonnement",
      "REF2",
    ],
  ],
};

/** Invoice PDFs in the book whose invoice was not found by file name or text. */
export const UNLINKED_DOCUMENTS: UnlinkedDocument[] = [
  { id: 7, file: "scan-0001.pdf" },
  { id: 9, file: "factuur.pdf" },
];

/** What importing each previewed file does, by path. */
export const OUTCOMES: Record<string, ImportOutcome> = {
  [BANK_PREVIEW.path]: {
    file: BANK_PREVIEW.file,
    kind: "bank",
    added: 45,
    duplicates: 4,
    warnings: ["Balance break on NL91ABNA0417164300 between 2026-10-31 and 2026-11-02"],
    error: null,
  },
  [LEDGER_PREVIEW.path]: {
    file: LEDGER_PREVIEW.file,
    kind: "ledger",
    added: 40,
    duplicates: 0,
    warnings: [],
    error: null,
  },
  [PDF_PREVIEW.path]: {
    file: PDF_PREVIEW.file,
    kind: "invoice_pdf",
    added: 0,
    duplicates: 1,
    warnings: [],
    error: null,
  },
};

/** What `import_bank_csv` returns for each bank CSV, by path. */
export const BANK_CSV_OUTCOMES: Record<string, ImportOutcome> = {
  [BANK_CSV_PREVIEW.path]: {
    file: BANK_CSV_PREVIEW.file,
    kind: "bank",
    added: 2,
    duplicates: 0,
    warnings: [],
    error: null,
  },
};

/** What `import_ledger` returns for each ledger, by path. */
export const LEDGER_OUTCOMES: Record<string, ImportOutcome> = {
  [UNMAPPED_PREVIEW.path]: {
    file: UNMAPPED_PREVIEW.file,
    kind: "ledger",
    added: 18,
    duplicates: 0,
    warnings: [],
    error: null,
  },
  [LEDGER_PREVIEW.path]: OUTCOMES[LEDGER_PREVIEW.path]!,
};

/** The `import-progress` events Rust sends while importing each file, by path. */
export const PROGRESS: Record<string, ImportProgress[]> = {
  [BANK_PREVIEW.path]: [
    { file: BANK_PREVIEW.file, done: 20, total: 49 },
    { file: BANK_PREVIEW.file, done: 40, total: 49 },
  ],
};

/** What the mock backend answers; tests change fields to vary it. */
export const TODAY: TodayList = {
  as_of: "2026-11-27",
  blocked: null,
  actions: [
    {
      customer_code: "JAN",
      customer: "Jansen Installatie",
      action: "call",
      is_letter: false,
      invoices: ["2026-0140"],
      total_open: "1210.00",
      due: "2026-11-25",
      reason: "herinnering van 10 november 2026 onbeantwoord; termijn verstreken op 17 november 2026",
    },
    {
      customer_code: "CAF",
      customer: "Café 't Hoekje",
      action: "reminder_1",
      is_letter: true,
      invoices: ["2026-0171"],
      total_open: "2469.13",
      due: "2026-11-27",
      reason: "vervallen op 24 november 2026",
    },
  ],
  held: [
    {
      customer_code: "BAK",
      customer: "Bakkerij de Vries",
      invoices: ["2026-0101"],
      why: "betaling van € 8.666,54 op 26 november 2026 nog niet gekoppeld (IBAN bekend)",
    },
  ],
};

export const BLOCKED_TODAY: TodayList = {
  ...TODAY,
  blocked: "importeer eerst uw laatste bankafschrift: NL91ABNA0417164300 afschrift tot en met 12 november 2026",
  actions: [],
};

export const CUSTOMER_CARD = {
  code: "JAN",
  name: "Jansen Installatie",
  email: "administratie@jansen.example",
  phone: "030 123 4567",
  contact_person: "Petra Jansen",
  address: "Kerkstraat 1\n3511 AB Utrecht",
  kvk_number: "12345678",
  payment_term_days: null,
  language: "nl" as Language,
  consumer: false,
  own_terms: false,
  no_calls: false,
  stop_dunning: false,
  fatal_term_agreed: false,
};

const JAN_INVOICE = {
  number: "2026-0140",
  invoice_date: "2026-10-02",
  due_date: "2026-11-01",
  amount: "1210.00",
  open_amount: "1210.00",
  days_overdue: 26,
  stage: "reminder_1",
  disputed: false,
};

export const CALL_SHEET: CallSheet = {
  as_of: "2026-11-27",
  customer: CUSTOMER_CARD,
  invoices: [JAN_INVOICE],
  letters: [{ as_of: "2026-11-10", stage: "reminder_1", invoices: ["2026-0140"], state: "sent" }],
  calls: [],
  next: {
    action: "call",
    date: "2026-11-25",
    why: "herinnering van 10 november 2026 onbeantwoord",
  },
};

export const PROMISE_NEXT: NextStepView = {
  action: null,
  date: null,
  why: "betalingsbelofte tot 4 december 2026",
};

export const PLAN_PREVIEW: PlanView = {
  invoices: ["2026-0140"],
  principal: "1210.00",
  costs: "0.00",
  interest: "0.00",
  total: "1210.00",
  instalments: [
    { due: "2026-12-01", amount: "403.33" },
    { due: "2027-01-01", amount: "403.33" },
    { due: "2027-02-01", amount: "403.34" },
  ],
  next: null,
};

export const CUSTOMER_DETAIL: CustomerDetail = {
  as_of: "2026-11-27",
  customer: CUSTOMER_CARD,
  invoices: [JAN_INVOICE],
  next: CALL_SHEET.next,
  credit: {
    total: "60.50",
    payments: [{ date: "2026-11-03", amount: "665.50", surplus: "60.50" }],
  },
  timeline: [
    {
      at: "2026-11-10",
      kind: "letter",
      stage: "reminder_1",
      invoices: ["2026-0140"],
      text: "1e herinnering gemaakt",
    },
  ],
};

/** What the dunning commands of the mock backend hold and record. */
export type DunningBackend = {
  today: TodayList;
  /** What `today` returns with `ignoreStaleBank`; `today` when null. */
  todayIgnoringBank: TodayList | null;
  sheet: CallSheet;
  /** What `log_call` answers. */
  next: NextStepView;
  preview: PlanView;
  detail: CustomerDetail;
  /** When set, `log_call` rejects with it. */
  callError: CommandError | null;
};

/** The dunning fixtures above, as a backend part. */
export function dunningBackend(overrides: Partial<DunningBackend> = {}): DunningBackend {
  return {
    today: TODAY,
    todayIgnoringBank: null,
    sheet: CALL_SHEET,
    next: PROMISE_NEXT,
    preview: PLAN_PREVIEW,
    detail: CUSTOMER_DETAIL,
    callError: null,
    ...overrides,
  };
}

function serveDunning(backend: Backend, command: string, args: unknown): unknown {
  const dunning = backend.dunning;
  switch (command) {
    case "today":
      return (args as { ignoreStaleBank: boolean }).ignoreStaleBank
        ? (dunning.todayIgnoringBank ?? dunning.today)
        : dunning.today;
    case "call_sheet":
      return dunning.sheet;
    case "log_call": {
      if (dunning.callError !== null) throw dunning.callError;
      const form = (args as { form: CallForm }).form;
      dunning.sheet = {
        ...dunning.sheet,
        calls: [
          ...dunning.sheet.calls,
          {
            at: form.at ?? dunning.sheet.as_of,
            outcome: form.outcome,
            promise_date: form.promise_date,
            amount: form.amount,
            contact: form.contact,
            note: form.note,
          },
        ],
      };
      return dunning.next;
    }
    case "preview_plan":
      return dunning.preview;
    case "agree_plan":
      return {
        ...dunning.preview,
        next: { action: "plan_confirmation", date: "2026-11-27", why: "betalingsregeling afgesproken" },
      };
    case "set_dispute": {
      const { invoice, disputed } = args as { invoice: string; disputed: boolean };
      dunning.detail = {
        ...dunning.detail,
        invoices: dunning.detail.invoices.map((row) =>
          row.number === invoice ? { ...row, disputed } : row,
        ),
      };
      backend.receivables = {
        ...backend.receivables,
        invoices: backend.receivables.invoices.map((row) =>
          row.number === invoice ? { ...row, disputed } : row,
        ),
      };
      return { invoice, disputed };
    }
    case "customer_detail":
      return dunning.detail;
    case "update_customer": {
      const changes = (args as { changes: CustomerUpdate }).changes;
      const customer = { ...dunning.detail.customer };
      for (const [key, value] of Object.entries(changes)) {
        if (value !== null) (customer as Record<string, unknown>)[key] = value === "" ? null : value;
      }
      dunning.detail = { ...dunning.detail, customer };
      return dunning.detail;
    }
    case "timeline":
      return dunning.detail.timeline;
    default:
      throw { kind: "internal", message: `unknown command ${command}` };
  }
}

export type Backend = {
  status: BookStatus;
  receivables: Receivables;
  customers: CustomerRow[];
  accounts: AccountRow[];
  transactions: TransactionRow[];
  letters: LetterRow[];
  language: Language;
  /** What `pick_import_files` returns. */
  picked: string[];
  /** What `preview_files` returns for each path. */
  previews: Record<string, FilePreview>;
  /** What `import_files` returns for each path. */
  outcomes: Record<string, ImportOutcome>;
  /** The `import-progress` events `import_files` emits for each path. */
  progress: Record<string, ImportProgress[]>;
  /** When set, `import_files` waits for it after emitting the progress. */
  importGate: Promise<void> | null;
  /** What `ledger_mapping` returns for each path. */
  mappingScreens: Record<string, LedgerMappingScreen>;
  /** What `import_ledger` returns for each path. */
  ledgerOutcomes: Record<string, ImportOutcome>;
  /** When set, `import_ledger` rejects with it. */
  ledgerError: CommandError | null;
  /** What `bank_csv_mapping` returns for each path. */
  bankScreens: Record<string, BankCsvScreen>;
  /** What `import_bank_csv` returns for each path. */
  bankOutcomes: Record<string, ImportOutcome>;
  /** When set, `import_bank_csv` rejects with it. */
  bankError: CommandError | null;
  /** Every call, in order, with its arguments (event plugin calls left out). */
  calls: { command: string; args: unknown }[];
  /** What `unlinked_documents` returns; `assign_document` takes a PDF out of it. */
  unlinked: UnlinkedDocument[];
  /** The invoice numbers `assign_document` knows; any other is an `input` error. */
  invoiceNumbers: string[];
  /** The dunning commands' data. */
  dunning: DunningBackend;
  /** The letter commands' data. */
  letterBackend: LetterBackend;
};

/** A backend holding the fixtures above. */
export function fixtureBackend(overrides: Partial<Backend> = {}): Backend {
  return {
    status: BOOK,
    receivables: RECEIVABLES,
    customers: CUSTOMERS,
    accounts: ACCOUNTS,
    transactions: TRANSACTIONS,
    letters: LETTERS,
    language: "nl",
    picked: [],
    previews: Object.fromEntries(
      [
        BANK_PREVIEW,
        LEDGER_PREVIEW,
        PDF_PREVIEW,
        BROKEN_PREVIEW,
        UNMAPPED_PREVIEW,
        BANK_CSV_PREVIEW,
      ].map(
        (preview) => [preview.path, preview],
      ),
    ),
    outcomes: OUTCOMES,
    progress: PROGRESS,
    importGate: null,
    mappingScreens: {
      [UNMAPPED_PREVIEW.path]: UNMAPPED_SCREEN,
      [LEDGER_PREVIEW.path]: RECOGNISED_SCREEN,
    },
    ledgerOutcomes: LEDGER_OUTCOMES,
    ledgerError: null,
    bankScreens: { [BANK_CSV_PREVIEW.path]: BANK_CSV_SCREEN },
    bankOutcomes: BANK_CSV_OUTCOMES,
    bankError: null,
    calls: [],
    unlinked: [],
    invoiceNumbers: RECEIVABLES.invoices.map((invoice) => invoice.number),
    dunning: dunningBackend(),
    letterBackend: letterBackend(),
    ...overrides,
  };
}

/** The answer for `path`, or the error Rust gives for a file that is not there. */
function known<T>(answers: Record<string, T>, path: string): T {
  const answer = answers[path];
  if (answer === undefined) throw { kind: "input", message: `${path}: no such file` };
  return answer;
}

function paths(args: unknown): string[] {
  return (args as { paths: string[] }).paths;
}

async function importFiles(backend: Backend, paths: string[]): Promise<ImportOutcome[]> {
  for (const path of paths) {
    for (const progress of backend.progress[path] ?? []) await emit("import-progress", progress);
  }
  if (backend.importGate !== null) await backend.importGate;
  return paths.map((path) => {
    const outcome = backend.outcomes[path];
    if (outcome === undefined) throw { kind: "input", message: `${path}: no such file` };
    return outcome;
  });
}

function assignDocument(
  backend: Backend,
  { documentId, invoice }: { documentId: number; invoice: string },
): null {
  if (!backend.unlinked.some((document) => document.id === documentId)) {
    throw { kind: "input", message: `no unlinked document ${documentId}` };
  }
  if (!backend.invoiceNumbers.includes(invoice)) {
    throw { kind: "input", message: `no invoice with number ${invoice}` };
  }
  backend.unlinked = backend.unlinked.filter((document) => document.id !== documentId);
  return null;
}

/**
 * Answers the app's commands from `backend` through Tauri's `mockIPC`.
 * Events are mocked too (`listen` and `emit` work within the page).
 */
export function serve(backend: Backend): void {
  mockIPC(
    (command, args) => {
      backend.calls.push({ command, args });
      switch (command) {
        case "book_status":
          return backend.status;
        case "create_demo_book":
          backend.status = BOOK;
          backend.receivables = RECEIVABLES;
          return backend.status;
        case "open_other_book":
          return null;
        case "receivables":
          return backend.receivables;
        case "customers":
          return backend.customers;
        case "accounts":
          return backend.accounts;
        case "transactions":
          return backend.transactions;
        case "letters":
          return backend.letters;
        case "language":
          return backend.language;
        case "set_language":
          backend.language = (args as { language: Language }).language;
          return null;
        case "pick_import_files":
          return backend.picked;
        case "preview_files":
          return paths(args).map((path) => {
            const preview = backend.previews[path];
            if (preview === undefined) throw { kind: "input", message: `${path}: no such file` };
            return preview;
          });
        case "import_files":
          return importFiles(backend, paths(args));
        case "ledger_mapping":
          return known(backend.mappingScreens, (args as { path: string }).path);
        case "import_ledger":
          if (backend.ledgerError !== null) throw backend.ledgerError;
          return known(backend.ledgerOutcomes, (args as { path: string }).path);
        case "bank_csv_mapping":
          return known(backend.bankScreens, (args as { path: string }).path);
        case "import_bank_csv":
          if (backend.bankError !== null) throw backend.bankError;
          return known(backend.bankOutcomes, (args as { path: string }).path);
        case "unlinked_documents":
          return backend.unlinked;
        case "assign_document":
          return assignDocument(backend, args as { documentId: number; invoice: string });
        default:
          return serveLetters(backend, command, args) ?? serveDunning(backend, command, args);
      }
    },
    { shouldMockEvents: true },
  );
}

export const MADE_LETTER: MadeLetterView = {
  id: 7,
  customer_code: "CAF",
  customer: "Café 't Hoekje",
  action: "reminder_1",
  language: "nl",
  invoices: ["2026-0171"],
  pages: 2,
  total_open: "2469.13",
  deadline: "2026-12-11",
  costs: null,
  interest: null,
  file_name: "2026-11-27-reminder_1-CAF.pdf",
  warnings: [],
};

export const LETTER_PREVIEW: LetterPreview = {
  id: 7,
  pages: 2,
  images: ["data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo="],
  unrendered: null,
};

function outboxLetter(id: number, state: string, error: string | null = null): OutboxLetter {
  return {
    id,
    customer_code: "CAF",
    customer: id === 7 ? "Café 't Hoekje" : "Jansen Installatie",
    stage: "reminder_1",
    as_of: "2026-11-27",
    invoices: ["2026-0171"],
    total_open: "2469.13",
    pages: 2,
    state,
    channel: state === "generated" ? null : "email",
    recipient: state === "sent" ? "info@hoekje.example" : null,
    sent_at: state === "sent" ? "2026-11-27T10:00:00+00:00" : null,
    error,
  };
}

export const OUTBOX: OutboxLetter[] = [
  outboxLetter(7, "generated"),
  outboxLetter(8, "failed", "the mail server 127.0.0.1:2525 refused the message: 550 5.1.1 mailbox unavailable"),
  outboxLetter(9, "unknown"),
];

/** What the letter commands of the mock backend hold and record. */
export type LetterBackend = {
  made: MadeLetterView[];
  preview: LetterPreview;
  outbox: OutboxLetter[];
  /** What `send_letters` answers; the progress events are emitted from it. */
  outcome: SendOutcome;
  /** When set, `send_letters` waits for it after its first progress event. */
  sendGate: Promise<void> | null;
  business: import("../lib/api/types").BusinessSettings;
  smtp: import("../lib/api/types").SmtpSettings;
};

/** The letter fixtures above, as a backend part. */
export function letterBackend(overrides: Partial<LetterBackend> = {}): LetterBackend {
  return {
    made: [MADE_LETTER],
    preview: LETTER_PREVIEW,
    outbox: OUTBOX,
    outcome: { sent: [7], failed: [], skipped: [], cancelled: [] },
    sendGate: null,
    business: {
      name: "Studio Tegoed",
      address: "Oudegracht 1\n3511 AA Utrecht",
      kvk_number: "12345678",
      vat_number: "",
      iban: "NL91ABNA0417164300",
      bic: "",
      phone: "",
      email: "",
      contact_person: "",
      logo: null,
      agency_name: "",
      agency_contact: "",
      pay_to_agency: true,
    },
    smtp: { url: "", source: "none", password: "none", keychain_problem: null },
    ...overrides,
  };
}

async function sendLetters(backend: Backend, ids: number[] | null): Promise<SendOutcome> {
  const letters = backend.letterBackend;
  const total = ids?.length ?? letters.outbox.length;
  await emit("send-progress", { done: 0, total });
  if (letters.sendGate !== null) await letters.sendGate;
  await emit("send-progress", { done: total, total });
  letters.outbox = letters.outbox.map((letter) =>
    letters.outcome.sent.includes(letter.id) ? { ...letter, state: "sent", error: null } : letter,
  );
  return letters.outcome;
}

/** The letter commands; undefined for any other command. */
function serveLetters(backend: Backend, command: string, args: unknown): unknown {
  const letters = backend.letterBackend;
  switch (command) {
    case "make_letters":
      return letters.made;
    case "preview_letter":
      return { ...letters.preview, id: (args as { id: number }).id };
    case "outbox":
      return letters.outbox;
    case "letter_pdf":
      return "JVBERi0=";
    case "send_letters":
      return sendLetters(backend, (args as { ids: number[] | null }).ids);
    case "cancel_send":
      return null;
    case "draft_letter":
      return { path: "/home/test/Downloads/letter.eml", printed: false };
    case "print_letters":
      return { path: "/tmp/print.pdf", printed: (args as { direct: boolean }).direct };
    case "open_letter":
      return { path: "/tmp/letter.pdf", printed: false };
    case "business_settings":
      return letters.business;
    case "save_business_settings":
      letters.business = (args as { settings: typeof letters.business }).settings;
      return letters.business;
    case "choose_logo":
      letters.business = { ...letters.business, logo: "data:image/png;base64,iVBORw0KGgo=" };
      return letters.business;
    case "remove_logo":
      letters.business = { ...letters.business, logo: null };
      return letters.business;
    case "smtp_settings":
      return letters.smtp;
    case "save_smtp_settings": {
      const { url, password } = args as { url: string; password: string | null };
      letters.smtp = {
        url: url.replace(/:[^:@/]*@/, "@"),
        source: url === "" ? "none" : "saved",
        password: password === null ? "none" : "session",
        keychain_problem: password === null ? null : "no keychain is available on this computer",
      };
      return letters.smtp;
    }
    case "send_test_mail":
      return "<test@tegoed>";
    default:
      return undefined;
  }
}
