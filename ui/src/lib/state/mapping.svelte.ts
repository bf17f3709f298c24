/**
 * The ledger mapping screen's state: a ledger's first rows as Rust read
 * them, and the mapping a person edits on top of them (per table: the sheet,
 * the row that holds the headers and the field of each column). It checks
 * what Rust would refuse anyway (no invoice number, no amount, a field on
 * two columns) so the Import button can wait until the mapping is whole,
 * and keeps the error Rust returns for a cell that does not fit its column.
 *
 * Reading the rows with the mapping, importing them and remembering the
 * mapping for files of the same shape are Rust's (`import_ledger`); this
 * class decides nothing about the content of a cell.
 */

import * as commands from "../api/commands";
import type {
  CommandError,
  FieldColumn,
  FieldOption,
  ImportOutcome,
  LedgerMapping,
  LedgerMappingScreen,
  SheetRows,
  TableColumns,
} from "../api/types";

/** The two tables of a ledger: its invoices and, in some workbooks, its customers. */
export type MappedTable = "invoices" | "customers";

/** The fields without which a mapping cannot be imported. */
export const REQUIRED_FIELDS = {
  invoiceNumber: "invoice_number",
  amount: "amount",
  openAmount: "open_amount",
  customerCode: "customer_code",
  customerName: "customer_name",
} as const;

/** What keeps a mapping from being imported, for the screen to explain. */
export type MappingProblem =
  /** The workbook has no sheet to map. */
  | { kind: "no_sheet" }
  /** No column of the invoices table holds the invoice number. */
  | { kind: "missing_invoice_number" }
  /** No column of the invoices table holds the amount or the open amount. */
  | { kind: "missing_amount" }
  /** The customers table has neither a customer code nor a customer name column. */
  | { kind: "missing_customer" }
  /** `field` is chosen for more than one column of `table`. */
  | { kind: "duplicate"; table: MappedTable; field: string; columns: number[] };

/** How many of a sheet's first rows are offered as the header row. */
export const HEADER_ROW_CHOICES = 12;

/** How many rows the preview table shows at least (the header row and rows under it). */
export const PREVIEW_TABLE_ROWS = 12;

// Rows under the header row the preview shows even when the header sits low.
const ROWS_UNDER_HEADER = 5;

/** The confidence Rust gives a column a person chose (or a saved mapping). */
const CHOSEN = 100;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function byColumn(left: FieldColumn, right: FieldColumn): number {
  return left.column - right.column;
}

/**
 * The row of `rows` (among the first {@link HEADER_ROW_CHOICES}) most
 * likely to hold headers: the one with the most filled cells, the first of
 * equals. A title above the headers has fewer; rows under them come later.
 */
function likelyHeaderRow(rows: readonly string[][]): number {
  let best = 0;
  let bestFilled = 0;
  rows.slice(0, HEADER_ROW_CHOICES).forEach((cells, index) => {
    const filled = cells.filter((cell) => cell.trim() !== "").length;
    if (filled > bestFilled) {
      best = index;
      bestFilled = filled;
    }
  });
  return best;
}

/** Checks `invoices` and `customers` the way `import_ledger` will. */
export function validate(
  invoices: TableColumns | null,
  customers: TableColumns | null,
): MappingProblem[] {
  if (invoices === null) return [{ kind: "no_sheet" }];
  const problems: MappingProblem[] = [];
  const has = (table: TableColumns, field: string) =>
    table.columns.some((column) => column.field === field);
  if (!has(invoices, REQUIRED_FIELDS.invoiceNumber)) {
    problems.push({ kind: "missing_invoice_number" });
  }
  if (!has(invoices, REQUIRED_FIELDS.amount) && !has(invoices, REQUIRED_FIELDS.openAmount)) {
    problems.push({ kind: "missing_amount" });
  }
  if (
    customers !== null &&
    !has(customers, REQUIRED_FIELDS.customerCode) &&
    !has(customers, REQUIRED_FIELDS.customerName)
  ) {
    problems.push({ kind: "missing_customer" });
  }
  const tables: [MappedTable, TableColumns | null][] = [
    ["invoices", invoices],
    ["customers", customers],
  ];
  for (const [table, columns] of tables) {
    if (columns === null) continue;
    const byField = new Map<string, number[]>();
    for (const { field, column } of [...columns.columns].sort(byColumn)) {
      byField.set(field, [...(byField.get(field) ?? []), column]);
    }
    for (const [field, found] of byField) {
      if (found.length > 1) problems.push({ kind: "duplicate", table, field, columns: found });
    }
  }
  return problems;
}

/** Holds one ledger's mapping screen: what Rust read and what the person chose. */
export class MappingState {
  /** The ledger's full path, as `ledger_mapping` and `import_ledger` take it. */
  readonly path: string;
  /** The ledger's file name. */
  readonly file: string;

  /** What `ledger_mapping` returned; null until it has. */
  screen = $state.raw<LedgerMappingScreen | null>(null);
  /** True while `ledger_mapping` runs. */
  loading = $state(false);
  /** True while `import_ledger` runs. */
  importing = $state(false);
  /** Why reading or importing the ledger failed, until the next try. */
  error = $state.raw<CommandError | null>(null);
  /** The table shown, when the workbook has both. */
  tab = $state<MappedTable>("invoices");

  /** The invoices table as mapped now; null when the workbook has no sheet. */
  invoices = $state.raw<TableColumns | null>(null);
  /** The customers table as mapped now; null when the workbook has none. */
  customers = $state.raw<TableColumns | null>(null);

  /** The tables of this workbook, in tab order. */
  tables = $derived<MappedTable[]>(
    this.customers === null ? ["invoices"] : ["invoices", "customers"],
  );
  /** True when Rust recognised columns or had a saved mapping to start from. */
  recognised = $derived(this.screen?.mapping != null);
  /** The mapping as it would be sent, columns in order; null without an invoices table. */
  mapping = $derived<LedgerMapping | null>(
    this.invoices === null
      ? null
      : {
          invoices: { ...this.invoices, columns: [...this.invoices.columns].sort(byColumn) },
          customers:
            this.customers === null
              ? null
              : { ...this.customers, columns: [...this.customers.columns].sort(byColumn) },
        },
  );
  /** Everything that keeps the mapping from being imported; empty when it may be. */
  problems = $derived<MappingProblem[]>(
    this.screen === null ? [] : validate(this.invoices, this.customers),
  );
  /** True when the Import button may be pressed. */
  canImport = $derived(
    this.screen !== null && !this.loading && !this.importing && this.problems.length === 0,
  );

  constructor(path: string, file: string = fileName(path)) {
    this.path = path;
    this.file = file;
  }

  /** Asks Rust for the ledger's rows and the mapping to start from. */
  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const screen = await commands.ledgerMapping(this.path);
      this.screen = screen;
      this.invoices = screen.mapping?.invoices ?? this.#fresh(screen.sheets[0] ?? null);
      this.customers = screen.mapping?.customers ?? null;
      this.tab = "invoices";
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.loading = false;
    }
  }

  /** The current mapping of `table`. */
  table(table: MappedTable): TableColumns | null {
    return table === "invoices" ? this.invoices : this.customers;
  }

  /**
   * The sheet `table` is on: the one of that name, or the only sheet of a
   * one-sheet file (as Rust finds it; CSV sheets are named after the file).
   */
  sheet(table: MappedTable): SheetRows | null {
    const columns = this.table(table);
    const sheets = this.screen?.sheets ?? [];
    if (columns === null) return null;
    const named = sheets.find((sheet) => sheet.name === columns.sheet);
    return named ?? (sheets.length === 1 ? (sheets[0] ?? null) : null);
  }

  /** The fields `table` may hold, in Rust's order. */
  fields(table: MappedTable): FieldOption[] {
    return (this.screen?.fields ?? []).filter((field) =>
      table === "invoices" ? field.on_invoices : field.on_customers,
    );
  }

  /** How many columns the preview of `table` has. */
  columnCount(table: MappedTable): number {
    const columns = this.table(table);
    if (columns === null) return 0;
    const rows = this.sheet(table)?.rows ?? [];
    return Math.max(
      0,
      columns.headers.length,
      ...rows.map((cells) => cells.length),
      ...columns.columns.map((column) => column.column + 1),
    );
  }

  /** The rows the preview of `table` shows: the first ones, and a few under a low header. */
  previewRows(table: MappedTable): string[][] {
    const rows = this.sheet(table)?.rows ?? [];
    const headerRow = this.table(table)?.header_row ?? 0;
    return rows.slice(0, Math.max(PREVIEW_TABLE_ROWS, headerRow + 1 + ROWS_UNDER_HEADER));
  }

  /** The rows offered as header row of `table` (0-based), the current one included. */
  headerRowChoices(table: MappedTable): number[] {
    const rows = this.sheet(table)?.rows ?? [];
    const choices = rows.slice(0, HEADER_ROW_CHOICES).map((_, index) => index);
    const current = this.table(table)?.header_row;
    if (current !== undefined && !choices.includes(current)) choices.push(current);
    return choices;
  }

  /** The field chosen for `column` of `table`; null when the column is not used. */
  fieldAt(table: MappedTable, column: number): string | null {
    return this.table(table)?.columns.find((mapped) => mapped.column === column)?.field ?? null;
  }

  /** Columns of `table` whose field is also chosen for another column. */
  clashing(table: MappedTable): Set<number> {
    const columns = new Set<number>();
    for (const problem of this.problems) {
      if (problem.kind === "duplicate" && problem.table === table) {
        for (const column of problem.columns) columns.add(column);
      }
    }
    return columns;
  }

  /**
   * How sure Rust was of `column` (0 to 100) while it still holds the field
   * Rust recognised there; null for a saved mapping, a person's choice or an
   * unused column.
   */
  confidenceAt(table: MappedTable, column: number): number | null {
    const recognised = this.#recognised(table);
    if (recognised === null) return null;
    const field = this.fieldAt(table, column);
    const found = recognised.columns.find((mapped) => mapped.column === column);
    return found !== undefined && found.field === field ? found.confidence : null;
  }

  /**
   * Puts `table` on the sheet `name`. Rust's mapping of that sheet comes
   * back when there is one; another sheet starts unmapped, with its most
   * header-like row as the header row.
   */
  chooseSheet(table: MappedTable, name: string): void {
    const current = this.table(table);
    const sheet = this.screen?.sheets.find((candidate) => candidate.name === name);
    if (current === null || sheet === undefined || current.sheet === name) return;
    const original = this.screen?.mapping?.[table] ?? null;
    this.#set(table, original !== null && original.sheet === name ? original : this.#fresh(sheet));
  }

  /** Makes `row` (0-based) the header row of `table`: its cells become the headers. */
  chooseHeaderRow(table: MappedTable, row: number): void {
    const current = this.table(table);
    if (current === null || row < 0 || current.header_row === row) return;
    const cells = this.sheet(table)?.rows[row] ?? [];
    this.#set(table, { ...current, header_row: row, headers: [...cells] });
  }

  /**
   * Puts `field` on `column` of `table`, or leaves the column unused when
   * `field` is null. A field chosen for another column as well stays there
   * until the person moves it: the clash is a problem to see, not to hide.
   */
  assign(table: MappedTable, column: number, field: string | null): void {
    const current = this.table(table);
    if (current === null) return;
    const others = current.columns.filter((mapped) => mapped.column !== column);
    const recognised = this.#recognised(table)?.columns.find(
      (mapped) => mapped.column === column && mapped.field === field,
    );
    const columns =
      field === null
        ? others
        : [...others, { field, column, confidence: recognised?.confidence ?? CHOSEN }];
    this.#set(table, { ...current, columns: columns.sort(byColumn) });
  }

  /** Shows `table` (one of {@link tables}). */
  show(table: MappedTable): void {
    if (this.tables.includes(table)) this.tab = table;
  }

  /** Forgets the last error. */
  dismissError(): void {
    this.error = null;
  }

  /**
   * Sends the mapping to `import_ledger`. Resolves to what the import did,
   * or to null when it failed; the error is then in {@link error}, naming
   * the sheet and cell, and the mapping stays as it was to correct it.
   */
  async import(): Promise<ImportOutcome | null> {
    const mapping = this.mapping;
    if (!this.canImport || mapping === null) return null;
    this.importing = true;
    this.error = null;
    try {
      const outcome = await commands.importLedger(this.path, mapping);
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

  /** Rust's recognised (not saved) mapping of `table` while it is on the same sheet. */
  #recognised(table: MappedTable): TableColumns | null {
    const screen = this.screen;
    const current = this.table(table);
    if (screen === null || screen.saved || current === null) return null;
    const original = screen.mapping?.[table] ?? null;
    return original !== null && original.sheet === current.sheet ? original : null;
  }

  #fresh(sheet: SheetRows | null): TableColumns | null {
    if (sheet === null) return null;
    const header_row = likelyHeaderRow(sheet.rows);
    const headers = [...(sheet.rows[header_row] ?? [])];
    return { sheet: sheet.name, header_row, headers, columns: [] };
  }

  #set(table: MappedTable, columns: TableColumns | null): void {
    if (table === "invoices") this.invoices = columns;
    else this.customers = columns;
  }
}
