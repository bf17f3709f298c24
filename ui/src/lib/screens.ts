import { TestId } from "./testid";

/** The screens of the app, in the order the navigation lists them. */
export const SCREENS = [
  "overview",
  "today",
  "import",
  "reconcile",
  "receivables",
  "customers",
  "letters",
  "settings",
] as const;

/** One of {@link SCREENS}. */
export type ScreenName = (typeof SCREENS)[number];

/** The test id of each screen's navigation button. */
export const NAV_TEST_ID: Record<ScreenName, TestId> = {
  overview: TestId.NavOverview,
  today: TestId.NavToday,
  import: TestId.NavImport,
  reconcile: TestId.NavReconcile,
  receivables: TestId.NavReceivables,
  customers: TestId.NavCustomers,
  letters: TestId.NavLetters,
  settings: TestId.NavSettings,
};
