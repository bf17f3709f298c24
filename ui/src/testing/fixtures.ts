/**
 * Fixture data for UI tests, shaped exactly like the command results
 * (`src/lib/api/bindings`), and a mock backend that serves it through
 * `mockIPC`. Used only by `*.test.ts` files.
 */

import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AccountRow,
  BookStatus,
  CustomerRow,
  InvoiceRow,
  Language,
  LetterRow,
  Receivables,
  TransactionRow,
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
  },
  {
    code: "PIE",
    name: "Piet Pietersen",
    email: null,
    consumer: true,
    n_open: 0,
    total_open: "0.00",
    total_overdue: "0.00",
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
  },
];

export const LETTERS: LetterRow[] = [];

/** What the mock backend answers; tests change fields to vary it. */
export type Backend = {
  status: BookStatus;
  receivables: Receivables;
  customers: CustomerRow[];
  accounts: AccountRow[];
  transactions: TransactionRow[];
  letters: LetterRow[];
  language: Language;
  /** Every call, in order, with its arguments. */
  calls: { command: string; args: unknown }[];
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
    calls: [],
    ...overrides,
  };
}

/** Answers the app's commands from `backend` through Tauri's `mockIPC`. */
export function serve(backend: Backend): void {
  mockIPC((command, args) => {
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
      default:
        throw { kind: "internal", message: `unknown command ${command}` };
    }
  });
}
