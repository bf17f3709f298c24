/**
 * Every `data-testid` in the UI. The end-to-end tests in `tests/` select
 * elements by these values, so they are part of the app's contract: rename
 * one only together with the tests that use it.
 */
export const TestId = {
  AppRoot: "app-root",
  ErrorBanner: "error-banner",
  DropOverlay: "drop-overlay",

  NavOverview: "nav-overview",
  NavImport: "nav-import",
  NavReconcile: "nav-reconcile",
  NavReceivables: "nav-receivables",
  NavCustomers: "nav-customers",
  NavLetters: "nav-letters",
  NavSettings: "nav-settings",

  ScreenOverview: "screen-overview",
  ScreenImport: "screen-import",
  ScreenReconcile: "screen-reconcile",
  ScreenReceivables: "screen-receivables",
  ScreenCustomers: "screen-customers",
  ScreenLetters: "screen-letters",
  ScreenSettings: "screen-settings",

  WelcomePanel: "welcome-panel",
  DemoButton: "demo-button",
  TotalOpen: "total-open",
  TotalOverdue: "total-overdue",
  AgeingTable: "ageing-table",
  MostOverdueTable: "most-overdue-table",
  AccountList: "account-list",

  AccountTable: "account-table",
  ImportDropZone: "import-drop-zone",
  ImportPickButton: "import-pick-button",
  ImportPreview: "import-preview",
  ImportPreviewFile: "import-preview-file",
  ImportPreviewError: "import-preview-error",
  ImportStatementTable: "import-statement-table",
  ImportAddsUpWarning: "import-adds-up-warning",
  ImportCommitButton: "import-commit-button",
  ImportClearButton: "import-clear-button",
  ImportProgress: "import-progress",
  ImportResults: "import-results",
  ImportResult: "import-result",
  MapColumnsButton: "map-columns-button",

  MappingScreen: "mapping-screen",
  MappingUnrecognised: "mapping-unrecognised",
  MappingTab: "mapping-tab",
  MappingSheetSelect: "mapping-sheet-select",
  MappingHeaderRow: "mapping-header-row",
  MappingPreview: "mapping-preview",
  MappingColumnSelect: "mapping-column-select",
  MappingConfidence: "mapping-confidence",
  MappingProblems: "mapping-problems",
  MappingError: "mapping-error",
  MappingImportButton: "mapping-import-button",
  MappingCancelButton: "mapping-cancel-button",

  TransactionTable: "transaction-table",
  TransactionStateFilter: "transaction-state-filter",
  TransactionRow: "transaction-row",
  ReconcileRunButton: "reconcile-run-button",
  ReconcileSummary: "reconcile-summary",
  ReconcileTextFilter: "reconcile-text-filter",
  ReconcileConfirm: "reconcile-confirm",
  ReconcileReject: "reconcile-reject",
  ReconcileAssign: "reconcile-assign",
  ReconcileAssignInput: "reconcile-assign-input",
  ReconcileAssignOk: "reconcile-assign-ok",
  ReconcileIgnore: "reconcile-ignore",
  ReconcileUndo: "reconcile-undo",

  ReceivablesTotalOpen: "receivables-total-open",
  ReceivablesTotalOverdue: "receivables-total-overdue",
  InvoiceTable: "invoice-table",
  InvoiceFilter: "invoice-filter",

  CustomerTable: "customer-table",
  LetterTable: "letter-table",

  LanguageSelect: "language-select",
  BookPath: "book-path",
  OpenBookButton: "open-book-button",
} as const;

/** One of the values of {@link TestId}. */
export type TestId = (typeof TestId)[keyof typeof TestId];
