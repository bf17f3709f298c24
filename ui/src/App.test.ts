import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import App from "./App.svelte";
import { SCREENS } from "./lib/screens";
import { BookState } from "./lib/state/book.svelte";
import { locale } from "./lib/state/locale.svelte";
import { TestId } from "./lib/testid";
import { byTestId, render, settle, type Mounted } from "./testing/dom";
import {
  BANK_PREVIEW,
  BROKEN_PREVIEW,
  PDF_PREVIEW,
  fixtureBackend,
  serve,
  type Backend,
} from "./testing/fixtures";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderApp(backend: Backend = fixtureBackend()) {
  serve(backend);
  mounted = render(App, { book: new BookState() });
  await settle();
  return mounted.target;
}

/** Selects the option with `value`, as a person picking it would. */
function choose(select: HTMLSelectElement, value: string): void {
  for (const option of select.options) option.selected = option.value === value;
}

function go(root: HTMLElement, testid: string): void {
  byTestId(root, testid).click();
  flushSync();
}

describe("App", () => {
  test("marks itself ready once the first load has finished", async () => {
    serve(fixtureBackend());
    mounted = render(App, { book: new BookState() });
    const appRoot = byTestId(mounted.target, TestId.AppRoot);
    expect(appRoot.dataset["ready"]).toBe("false");
    await settle();
    expect(appRoot.dataset["ready"]).toBe("true");
  });

  test("starts in the language Rust chose", async () => {
    const root = await renderApp(fixtureBackend({ language: "en" }));
    expect(byTestId(root, TestId.NavReceivables).textContent?.trim()).toBe("Receivables");
  });

  test("the navigation lists the eight screens in order and opens each", async () => {
    const root = await renderApp();
    const buttons = [...root.querySelectorAll("nav button")];
    expect(buttons.map((button) => button.getAttribute("data-testid"))).toEqual(
      SCREENS.map((screen) => `nav-${screen}`),
    );
    expect(buttons.map((button) => button.textContent?.trim())).toEqual([
      "Overzicht",
      "Vandaag",
      "Importeren",
      "Afletteren",
      "Debiteuren",
      "Klanten",
      "Uitgaande post",
      "Instellingen",
    ]);
    for (const screen of SCREENS) {
      go(root, `nav-${screen}`);
      expect(root.querySelector(`[data-testid="screen-${screen}"]`), screen).not.toBeNull();
      expect(byTestId(root, `nav-${screen}`).getAttribute("aria-current")).toBe("page");
    }
  });

  test("shows a command error by kind and still becomes ready", async () => {
    mockIPC((command) => {
      if (command === "language") return "nl";
      throw { kind: "book", message: "Het boek is in gebruik door een ander programma" };
    });
    mounted = render(App, { book: new BookState() });
    await settle();
    const root = mounted.target;
    expect(byTestId(root, TestId.AppRoot).dataset["ready"]).toBe("true");
    const banner = byTestId(root, TestId.ErrorBanner);
    expect(banner.dataset["kind"]).toBe("book");
    expect(banner.textContent).toContain("Het boek kon niet worden geopend of gelezen");
    expect(banner.textContent).toContain("Het boek is in gebruik door een ander programma");
  });
});

describe("Receivables", () => {
  function invoiceNumbers(root: HTMLElement): string[] {
    return [...byTestId(root, TestId.InvoiceTable).querySelectorAll("tbody tr")].map(
      (row) => row.querySelector("td")?.textContent?.trim() ?? "",
    );
  }

  test("lists open invoices with translated status and stage", async () => {
    const root = await renderApp();
    go(root, TestId.NavReceivables);
    expect(invoiceNumbers(root)).toEqual(["2026-0101", "2026-0140", "2026-0150", "2026-0171"]);
    const table = byTestId(root, TestId.InvoiceTable);
    expect(table.textContent).toContain("Aanmaning");
    expect(table.textContent).toContain("1e herinnering");
    expect(table.textContent).toContain("Open");
  });

  test("sorts by a column, and back the other way", async () => {
    const root = await renderApp();
    go(root, TestId.NavReceivables);
    const header = [...byTestId(root, TestId.InvoiceTable).querySelectorAll("th button")].find(
      (button) => button.textContent?.trim() === "Openstaand",
    ) as HTMLButtonElement;
    header.click();
    flushSync();
    expect(invoiceNumbers(root)).toEqual(["2026-0150", "2026-0140", "2026-0171", "2026-0101"]);
    header.click();
    flushSync();
    expect(invoiceNumbers(root)).toEqual(["2026-0101", "2026-0171", "2026-0140", "2026-0150"]);
  });

  test("filters on invoice number or customer", async () => {
    const root = await renderApp();
    go(root, TestId.NavReceivables);
    const input = byTestId(root, TestId.InvoiceFilter) as HTMLInputElement;
    input.value = "jansen";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect(invoiceNumbers(root)).toEqual(["2026-0140"]);
    input.value = "zzz";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    const table = byTestId(root, TestId.InvoiceTable);
    expect(table.querySelectorAll("tbody tr.empty-row")).toHaveLength(1);
    expect(table.textContent).toContain("Geen facturen gevonden voor ‘zzz’.");
  });
});

describe("Reconcile", () => {
  test("filters transactions by state", async () => {
    const root = await renderApp();
    go(root, TestId.NavReconcile);
    const table = byTestId(root, TestId.TransactionTable);
    // Money in by default: the ignored card payment waits behind the toggle.
    expect(table.querySelectorAll("tbody tr")).toHaveLength(1);
    byTestId(root, TestId.ReconcileShowMoneyOut).click();
    flushSync();
    expect(byTestId(root, TestId.TransactionTable).querySelectorAll("tbody tr")).toHaveLength(2);
    const select = byTestId(root, TestId.TransactionStateFilter) as HTMLSelectElement;
    choose(select, "matched");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    const rows = byTestId(root, TestId.TransactionTable).querySelectorAll("tbody tr");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("Afgeletterd");
  });
});

describe("Settings", () => {
  test("shows the book path and switches the language through Rust", async () => {
    const backend = fixtureBackend();
    const root = await renderApp(backend);
    go(root, TestId.NavSettings);
    expect(byTestId(root, TestId.BookPath).textContent).toBe(backend.status.path);

    const select = byTestId(root, TestId.LanguageSelect) as HTMLSelectElement;
    choose(select, "en");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();

    expect(backend.calls).toContainEqual({ command: "set_language", args: { language: "en" } });
    expect(byTestId(root, TestId.NavSettings).textContent?.trim()).toBe("Settings");
    expect(byTestId(root, TestId.OpenBookButton).textContent?.trim()).toBe("Open other book…");
  });

  test("opening another book that is cancelled changes nothing", async () => {
    const backend = fixtureBackend();
    const root = await renderApp(backend);
    go(root, TestId.NavSettings);
    backend.calls.length = 0;
    byTestId(root, TestId.OpenBookButton).click();
    await settle();
    expect(backend.calls.map((call) => call.command)).toEqual(["open_other_book"]);
    expect(root.querySelector(`[data-testid="${TestId.ErrorBanner}"]`)).toBeNull();
  });
});

describe("Dropping files", () => {
  function previewedPaths(root: HTMLElement): string[] {
    return [
      ...byTestId(root, TestId.ImportPreview).querySelectorAll<HTMLElement>(
        `[data-testid="${TestId.ImportPreviewFile}"]`,
      ),
    ].map((card) => card.dataset["path"] ?? "");
  }

  test("window.__tegoedDropPaths opens Import with the previews once its promise resolves", async () => {
    const backend = fixtureBackend();
    const root = await renderApp(backend);
    expect(root.querySelector(`[data-testid="${TestId.ScreenOverview}"]`)).not.toBeNull();
    expect(typeof window.__tegoedDropPaths).toBe("function");

    // No settle(): the promise itself says when the previews are on screen.
    await window.__tegoedDropPaths?.([BANK_PREVIEW.path, BROKEN_PREVIEW.path]);

    expect(root.querySelector(`[data-testid="${TestId.ScreenImport}"]`)).not.toBeNull();
    expect(byTestId(root, TestId.NavImport).getAttribute("aria-current")).toBe("page");
    expect(backend.calls).toContainEqual({
      command: "preview_files",
      args: { paths: [BANK_PREVIEW.path, BROKEN_PREVIEW.path] },
    });
    expect(previewedPaths(root)).toEqual([BANK_PREVIEW.path, BROKEN_PREVIEW.path]);
    expect(byTestId(root, TestId.ImportStatementTable).textContent).toContain("€\u00a012.345,67");
    expect(byTestId(root, TestId.ImportPreviewError).textContent).toContain("export.csv line 3");
  });

  test("dropped files wait on Import while the person looks at another screen", async () => {
    const root = await renderApp();
    await window.__tegoedDropPaths?.([PDF_PREVIEW.path]);
    go(root, TestId.NavReceivables);
    go(root, TestId.NavImport);
    expect(previewedPaths(root)).toEqual([PDF_PREVIEW.path]);
  });

  test("a drop that cannot be read shows the error banner on Import", async () => {
    const root = await renderApp();
    await window.__tegoedDropPaths?.(["/home/test/gone.sta"]);
    expect(root.querySelector(`[data-testid="${TestId.ScreenImport}"]`)).not.toBeNull();
    expect(byTestId(root, TestId.ErrorBanner).textContent).toContain("/home/test/gone.sta");
    expect(root.querySelector(`[data-testid="${TestId.ImportPreview}"]`)).toBeNull();
  });

  test("the hook is gone once the app is", async () => {
    await renderApp();
    mounted?.destroy();
    mounted = null;
    expect(window.__tegoedDropPaths).toBeUndefined();
  });

  test("a real drag shows the overlay, and its drop runs the same path as the hook", async () => {
    mockWindows("main");
    const backend = fixtureBackend();
    const root = await renderApp(backend);
    const overlay = () => document.querySelector(`[data-testid="${TestId.DropOverlay}"]`);
    const position = { x: 200, y: 150 };
    expect(overlay()).toBeNull();

    await emit("tauri://drag-enter", { paths: [PDF_PREVIEW.path], position });
    flushSync();
    expect(overlay()?.textContent).toContain(
      "Zet bankafschriften, grootboeken of factuur-PDF's hier neer",
    );
    await emit("tauri://drag-leave", null);
    flushSync();
    expect(overlay()).toBeNull();

    await emit("tauri://drag-enter", { paths: [PDF_PREVIEW.path], position });
    await emit("tauri://drag-over", { position });
    await emit("tauri://drag-drop", { paths: [PDF_PREVIEW.path], position });
    await settle();
    expect(overlay()).toBeNull();
    expect(root.querySelector(`[data-testid="${TestId.ScreenImport}"]`)).not.toBeNull();
    expect(previewedPaths(root)).toEqual([PDF_PREVIEW.path]);
  });

  test("a drag without files changes nothing", async () => {
    const backend = fixtureBackend();
    const root = await renderApp(backend);
    backend.calls.length = 0;
    await window.__tegoedDropPaths?.([]);
    expect(backend.calls).toEqual([]);
    expect(root.querySelector(`[data-testid="${TestId.ScreenOverview}"]`)).not.toBeNull();
  });
});
