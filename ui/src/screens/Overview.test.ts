import { clearMocks } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import {
  CUSTOMERS,
  EMPTY_BOOK,
  EMPTY_RECEIVABLES,
  fixtureBackend,
  serve,
  type Backend,
} from "../testing/fixtures";
import Overview from "./Overview.svelte";

const NBSP = "\u00a0";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderOverview(backend: Backend) {
  serve(backend);
  const book = new BookState();
  await book.start();
  const onNavigate = vi.fn();
  mounted = render(Overview, { book, onNavigate });
  await settle();
  return { book, onNavigate, root: mounted.target };
}

describe("Overview", () => {
  test("shows Rust's totals formatted, with the raw amount in data-amount", async () => {
    const { root } = await renderOverview(fixtureBackend());

    const overdue = byTestId(root, TestId.TotalOverdue);
    expect(overdue.dataset["amount"]).toBe("9876.54");
    expect(overdue.textContent).toBe(`€${NBSP}9.876,54`);

    const open = byTestId(root, TestId.TotalOpen);
    expect(open.getAttribute("data-amount")).toBe("12345.67");
    expect(open.textContent).toBe(`€${NBSP}12.345,67`);

    expect(root.textContent).toContain("3 facturen");
    expect(root.textContent).toContain("Stand per 27-11-2026");
  });

  test("follows the language", async () => {
    const { root } = await renderOverview(fixtureBackend({ language: "en" }));
    expect(byTestId(root, TestId.TotalOverdue).textContent).toBe("€9,876.54");
    expect(root.textContent).toContain("Position on 27 Nov 2026");

    locale.apply("nl");
    flushSync();
    expect(byTestId(root, TestId.TotalOverdue).textContent).toBe(`€${NBSP}9.876,54`);
  });

  test("lists the most overdue invoices, longest overdue first, without paid-up ones", async () => {
    const { root } = await renderOverview(fixtureBackend());
    const rows = byTestId(root, TestId.MostOverdueTable).querySelectorAll("tbody tr");
    expect([...rows].map((row) => row.querySelector("td")?.textContent?.trim())).toEqual([
      "2026-0101",
      "2026-0140",
      "2026-0150",
    ]);
    expect(rows[0]?.textContent).toContain("Aanmaning");
  });

  test("shows the ageing buckets in Rust's order and the bank data date", async () => {
    const { root } = await renderOverview(fixtureBackend());
    const buckets = byTestId(root, TestId.AgeingTable).querySelectorAll("tbody tr");
    expect([...buckets].map((row) => row.getAttribute("data-bucket"))).toEqual([
      "not_due",
      "d1_30",
      "d31_60",
      "d61_90",
      "d90_plus",
    ]);
    expect(byTestId(root, TestId.AccountList).textContent).toContain(
      "Bankgegevens bijgewerkt tot en met 26-11-2026",
    );
    expect(byTestId(root, TestId.AccountList).textContent).toContain("NL91 ABNA 0417 1643 00");
  });

  test("on an empty book offers demo data, which loads everything again", async () => {
    const backend = fixtureBackend({ status: EMPTY_BOOK, receivables: EMPTY_RECEIVABLES });
    const { root } = await renderOverview(backend);

    expect(root.querySelector(`[data-testid="${TestId.WelcomePanel}"]`)).not.toBeNull();
    expect(byTestId(root, TestId.TotalOpen).dataset["amount"]).toBe("0.00");
    const demo = byTestId(root, TestId.DemoButton);
    expect(demo.textContent?.trim()).toBe("Probeer met voorbeeldgegevens");

    backend.calls.length = 0;
    demo.click();
    await settle();

    expect(backend.calls.map((call) => call.command)).toContain("create_demo_book");
    expect(backend.calls.map((call) => call.command)).toContain("receivables");
    expect(root.querySelector(`[data-testid="${TestId.WelcomePanel}"]`)).toBeNull();
    expect(byTestId(root, TestId.TotalOverdue).dataset["amount"]).toBe("9876.54");
  });

  test("says how many customers are held and leads to Reconcile", async () => {
    const held = { ...CUSTOMERS[0]!, code: "JAN", name: "Jansen Installatie" };
    const { root, onNavigate } = await renderOverview(
      fixtureBackend({ customers: [...CUSTOMERS, held] }),
    );
    const notice = byTestId(root, TestId.OverviewHolds);
    expect(notice.textContent).toContain(
      "2 klanten wachten op afletteren voordat er herinneringen uitgaan",
    );

    const link = notice.querySelector("button");
    expect(link?.textContent?.trim()).toBe("Naar afletteren");
    link?.click();
    expect(onNavigate).toHaveBeenCalledWith("reconcile");
  });

  test("one held customer is named in the singular, in either language", async () => {
    const { root } = await renderOverview(fixtureBackend({ language: "en" }));
    expect(byTestId(root, TestId.OverviewHolds).textContent).toContain(
      "1 customer waits for reconciliation before reminders go out",
    );
  });

  test("shows no notice when no customer is held", async () => {
    const { root } = await renderOverview(
      fixtureBackend({ customers: CUSTOMERS.map((customer) => ({ ...customer, hold: null })) }),
    );
    expect(root.querySelector(`[data-testid="${TestId.OverviewHolds}"]`)).toBeNull();
  });
});
