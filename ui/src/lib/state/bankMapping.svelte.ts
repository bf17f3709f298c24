/**
 * The bank CSV mapping screen's state: the first rows of a bank CSV no
 * reader recognised, as Rust split them, and the role a person gives each
 * column (date, amount, debit/credit sign, …), the lines to skip, the date
 * format, the decimal comma, the word for money out and the own account.
 * From the roles it derives how the file gives its amounts (`amount_kind`)
 * and checks what Rust would refuse anyway, so the Import button waits
 * until the mapping is whole; the error Rust returns for a cell that does
 * not fit stays on the screen.
 *
 * Parsing dates and amounts, importing and remembering the mapping for
 * files of the same shape are Rust's (`import_bank_csv`); this class reads
 * cells only to suggest defaults.
 */

import * as commands from "../api/commands";
import type {
  AmountKind,
  BankCsvMapping,
  BankCsvScreen,
  CommandError,
  ImportOutcome,
} from "../api/types";

/** What a column of a bank CSV holds. */
export type BankRole =
  | "date"
  | "amount"
  | "sign"
  | "debit"
  | "credit"
  | "account"
  | "counterparty_name"
  | "counterparty_iban"
  | "remittance"
  | "bank_reference";

/** The roles in the order the column dropdown offers them. */
export const BANK_ROLES: readonly BankRole[] = [
  "date",
  "amount",
  "sign",
  "debit",
  "credit",
  "account",
  "counterparty_name",
  "counterparty_iban",
  "remittance",
  "bank_reference",
];

/** The one role several columns may share: their texts are joined. */
const SHARED_ROLE: BankRole = "remittance";

/** The date formats offered, in chrono syntax. */
export const DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%d.%m.%Y"] as const;

// What a date in each format looks like, to pre-select the format of a date column.
const DATE_SHAPES: Record<(typeof DATE_FORMATS)[number], RegExp> = {
  "%d-%m-%Y": /^\d{1,2}-\d{1,2}-\d{4}$/,
  "%Y-%m-%d": /^\d{4}-\d{1,2}-\d{1,2}$/,
  "%d/%m/%Y": /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  "%Y%m%d": /^\d{8}$/,
  "%d.%m.%Y": /^\d{1,2}\.\d{1,2}\.\d{4}$/,
};

// A cell that reads as an amount: digits with an optional sign and separators.
const AMOUNT_SHAPE = /^[+-]?\d[\d.,]*$/;

// The words banks write for money out, to pre-fill the debit word.
const DEBIT_WORDS = ["af", "d", "debit", "debet", "dbit"];

/** What keeps a bank mapping from being imported, for the screen to explain. */
export type BankMappingProblem =
  | { kind: "missing_date" }
  | { kind: "missing_amount" }
  /** A debit column without a credit column, or the other way round. */
  | { kind: "missing_debit_credit" }
  /** Both an amount column and debit/credit columns. */
  | { kind: "amount_and_debit_credit" }
  /** A sign column without a word for money out. */
  | { kind: "missing_debit_word" }
  /** No own-account column and no IBAN typed in. */
  | { kind: "missing_account" };

/** The roles as chosen: a role per column, null for a column not used. */
export type BankRoles = readonly (BankRole | null)[];

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function columnOf(roles: BankRoles, role: BankRole): number | null {
  const index = roles.indexOf(role);
  return index < 0 ? null : index;
}

/** How the amounts are given with these roles; null when no amount column is chosen. */
export function amountKind(roles: BankRoles): AmountKind | null {
  if (roles.includes("debit") || roles.includes("credit")) return "debit_credit";
  if (!roles.includes("amount")) return null;
  return roles.includes("sign") ? "with_sign" : "signed";
}

/** Checks the roles and settings the way `import_bank_csv` will. */
export function validateBank(
  roles: BankRoles,
  debitWord: string,
  account: string,
): BankMappingProblem[] {
  const problems: BankMappingProblem[] = [];
  if (!roles.includes("date")) problems.push({ kind: "missing_date" });
  const debitCredit = roles.includes("debit") || roles.includes("credit");
  if (debitCredit) {
    if (!roles.includes("debit") || !roles.includes("credit")) {
      problems.push({ kind: "missing_debit_credit" });
    }
    if (roles.includes("amount")) problems.push({ kind: "amount_and_debit_credit" });
  } else if (!roles.includes("amount")) {
    problems.push({ kind: "missing_amount" });
  } else if (roles.includes("sign") && debitWord.trim() === "") {
    problems.push({ kind: "missing_debit_word" });
  }
  if (!roles.includes("account") && account.replace(/\s+/g, "") === "") {
    problems.push({ kind: "missing_account" });
  }
  return problems;
}

/**
 * The lines to skip before the first transaction: 0 when the first row
 * already has a cell that reads as an amount, else 1 (a header line).
 */
export function likelySkipLines(rows: readonly string[][]): number {
  const first = rows[0] ?? [];
  return first.some((cell) => AMOUNT_SHAPE.test(cell.trim())) ? 0 : 1;
}

/** The offered date format `cell` looks like; null when none fits. */
export function likelyDateFormat(cell: string): string | null {
  const text = cell.trim();
  return DATE_FORMATS.find((format) => DATE_SHAPES[format].test(text)) ?? null;
}

/** Builds the mapping `import_bank_csv` takes; null while the roles are not whole. */
export function toBankCsvMapping(
  roles: BankRoles,
  settings: {
    skipLines: number;
    dateFormat: string;
    decimalComma: boolean;
    debitWord: string;
    account: string;
  },
): BankCsvMapping | null {
  const kind = amountKind(roles);
  const dateColumn = columnOf(roles, "date");
  if (kind === null || dateColumn === null) return null;
  const accountColumn = columnOf(roles, "account");
  const account = settings.account.replace(/\s+/g, "").toUpperCase();
  return {
    skip_lines: settings.skipLines,
    date_column: dateColumn,
    date_format: settings.dateFormat,
    amount_kind: kind,
    amount_column: kind === "debit_credit" ? null : columnOf(roles, "amount"),
    sign_column: kind === "with_sign" ? columnOf(roles, "sign") : null,
    debit_word: kind === "with_sign" ? settings.debitWord.trim() : null,
    debit_column: kind === "debit_credit" ? columnOf(roles, "debit") : null,
    credit_column: kind === "debit_credit" ? columnOf(roles, "credit") : null,
    decimal_comma: settings.decimalComma,
    account_column: accountColumn,
    account: accountColumn === null && account !== "" ? account : null,
    counterparty_name_column: columnOf(roles, "counterparty_name"),
    counterparty_iban_column: columnOf(roles, "counterparty_iban"),
    remittance_columns: roles.flatMap((role, column) => (role === SHARED_ROLE ? [column] : [])),
    bank_reference_column: columnOf(roles, "bank_reference"),
  };
}

/** Holds one bank CSV's mapping screen: what Rust read and what the person chose. */
export class BankMappingState {
  /** The file's full path, as `bank_csv_mapping` and `import_bank_csv` take it. */
  readonly path: string;
  /** The file's name. */
  readonly file: string;

  /** What `bank_csv_mapping` returned; null until it has. */
  screen = $state.raw<BankCsvScreen | null>(null);
  /** True while `bank_csv_mapping` runs. */
  loading = $state(false);
  /** True while `import_bank_csv` runs. */
  importing = $state(false);
  /** Why reading or importing the file failed, until the next try. */
  error = $state.raw<CommandError | null>(null);

  /** The role of each column; null for a column not used. */
  roles = $state.raw<(BankRole | null)[]>([]);
  /** Title and header lines before the first transaction. */
  skipLines = $state(0);
  /** The date format, in chrono syntax. */
  dateFormat = $state<string>(DATE_FORMATS[0]);
  /** True for amounts written `1.234,56`. */
  decimalComma = $state(true);
  /** The sign column's text for money out. */
  debitWord = $state("");
  /** The own account's IBAN, when no column holds it. */
  account = $state("");

  /** How many columns the preview has. */
  columnCount = $derived(Math.max(0, ...(this.screen?.rows ?? []).map((cells) => cells.length)));
  /** How the amounts are given with the roles chosen; null without an amount column. */
  amountKind = $derived(amountKind(this.roles));
  /** Everything that keeps the mapping from being imported; empty when it may be. */
  problems = $derived<BankMappingProblem[]>(
    this.screen === null ? [] : validateBank(this.roles, this.debitWord, this.account),
  );
  /** The mapping as it would be sent; null while it is not whole. */
  mapping = $derived<BankCsvMapping | null>(
    this.problems.length > 0
      ? null
      : toBankCsvMapping(this.roles, {
          skipLines: this.skipLines,
          dateFormat: this.dateFormat,
          decimalComma: this.decimalComma,
          debitWord: this.debitWord,
          account: this.account,
        }),
  );
  /** True when the Import button may be pressed. */
  canImport = $derived(
    this.screen !== null && !this.loading && !this.importing && this.mapping !== null,
  );

  constructor(path: string, file: string = fileName(path)) {
    this.path = path;
    this.file = file;
  }

  /** Asks Rust for the file's first rows and sets the defaults from them. */
  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const screen = await commands.bankCsvMapping(this.path);
      this.screen = screen;
      this.roles = [];
      this.skipLines = likelySkipLines(screen.rows);
      this.decimalComma = screen.delimiter === ";";
      this.dateFormat = DATE_FORMATS[0];
      this.debitWord = "";
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.loading = false;
    }
  }

  /** The role of `column`; null when it is not used. */
  roleAt(column: number): BankRole | null {
    return this.roles[column] ?? null;
  }

  /**
   * Gives `column` the role `role` (null: not used). A role other than the
   * description belongs to one column, so it leaves the column that had it.
   * Choosing a date or sign column suggests its format or debit word from
   * the first transaction line.
   */
  assign(column: number, role: BankRole | null): void {
    const roles = Array.from({ length: Math.max(this.roles.length, column + 1) }, (_, index) => {
      const current = this.roles[index] ?? null;
      return role !== null && role !== SHARED_ROLE && current === role ? null : current;
    });
    roles[column] = role;
    this.roles = roles;
    if (role === "date") {
      const format = likelyDateFormat(this.#firstCell(column));
      if (format !== null) this.dateFormat = format;
    }
    if (role === "sign" && this.debitWord.trim() === "") {
      const word = this.#cells(column).find((cell) =>
        DEBIT_WORDS.includes(cell.trim().toLowerCase()),
      );
      if (word !== undefined) this.debitWord = word.trim();
    }
  }

  /** Sets the lines to skip (0 or more). */
  chooseSkipLines(lines: number): void {
    if (Number.isInteger(lines) && lines >= 0) this.skipLines = lines;
  }

  /** Forgets the last error. */
  dismissError(): void {
    this.error = null;
  }

  /**
   * Imports the file with the mapping. Resolves to the outcome, or to null
   * when Rust refused it (the error is then kept for the screen).
   */
  async import(): Promise<ImportOutcome | null> {
    const mapping = this.mapping;
    if (!this.canImport || mapping === null) return null;
    this.importing = true;
    this.error = null;
    try {
      const outcome = await commands.importBankCsv(this.path, mapping);
      if (outcome.error !== null) {
        this.error = { kind: "input", message: outcome.error };
        return null;
      }
      return outcome;
    } catch (error) {
      this.error = commands.toCommandError(error);
      return null;
    } finally {
      this.importing = false;
    }
  }

  /** The cells of `column` in the transaction lines shown. */
  #cells(column: number): string[] {
    const rows = this.screen?.rows ?? [];
    return rows.slice(this.skipLines).map((cells) => cells[column] ?? "");
  }

  #firstCell(column: number): string {
    return this.#cells(column).find((cell) => cell.trim() !== "") ?? "";
  }
}
