import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { TransactionRow } from "../lib/api/types";
import { BookState } from "../lib/state/book.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { ACCOUNTS, BOOK, CUSTOMERS, LETTERS, RECEIVABLES, TRANSACTIONS } from "../testing/fixtures";
import Reconcile from "./Reconcile.svelte";

const SUGGESTED: TransactionRow = {
  id: 3,
  booking_date: "2026-11-26",
  amount: "8666.54",
  counterparty_name: "Bakkerij de Vries",
  counterparty_iban: "NL20INGB0001234567",
  remittance: "betaling fact 101",
  state: "suggested",
  invoices: ["2026-0101"],
  reason: "Amount equal, name similar (82%)",
  confidence: 82,
};

const UNMATCHED: TransactionRow = {
  id: 4,
  booking_date: "2026-11-23",
  amount: "500.00",
  counterparty_name: "P. Pietersen",
  counterparty_iban: null,
  remittance: "voorschot",
  state: "unmatched",
  invoices: [],
  reason: null,
  confidence: null,
};

type Call = { command: string; args: unknown };

/** A backend that serves the book's reads and answers the reconcile commands. */
function serveReconcile(transactions: TransactionRow[] = [...TRANSACTIONS, SUGGESTED, UNMATCHED]) {
  const calls: Call[] = [];
  let nextDecision = 41;
  mockIPC((command, args) => {
    calls.push({ command, args });
    switch (command) {
      case "language":
        return "nl";
      case "book_status":
        return BOOK;
      case "receivables":
        return RECEIVABLES;
      case "customers":
        return CUSTOMERS;
      case "accounts":
        return ACCOUNTS;
      case "transactions":
        return transactions;
      case "letters":
        return LETTERS;
      case "run_matching":
        return { booked: 12, suggested: 3, unmatched: 5 };
      case "confirm_match":
      case "reject_match":
      case "reassign_match":
      case "split_match":
      case "ignore_transaction":
        nextDecision += 1;
        return { id: nextDecision };
      case "undo_decision":
        return null;
      default:
        throw { kind: "internal", message: `unknown command ${command}` };
    }
  });
  return calls;
}

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

/** Renders Reconcile; with `moneyOut` (the default here) money out is shown too. */
async function renderReconcile(transactions?: TransactionRow[], { moneyOut = true } = {}) {
  const calls = serveReconcile(transactions);
  const book = new BookState();
  await book.start();
  mounted = render(Reconcile, { book });
  await settle();
  if (moneyOut) {
    byTestId(mounted.target, TestId.ReconcileShowMoneyOut).click();
    flushSync();
  }
  calls.length = 0;
  return { calls, book, root: mounted.target };
}

function row(root: HTMLElement, id: number): HTMLElement {
  const found = root.querySelector<HTMLElement>(
    `[data-testid="${TestId.TransactionRow}"][data-transaction-id="${id}"]`,
  );
  if (found === null) throw new Error(`no row for transaction ${id}`);
  return found;
}

function names(calls: Call[]): string[] {
  return calls.map((call) => call.command);
}

function press(key: string, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  flushSync();
}

describe("Reconcile", () => {
  test("each row carries its id and state, and offers the actions that fit it", async () => {
    const { root } = await renderReconcile();
    const suggested = row(root, 3);
    expect(suggested.dataset["state"]).toBe("suggested");
    expect(suggested.textContent).toContain("Amount equal, name similar (82%)");
    expect(byTestId(suggested, TestId.ReconcileConfirm).textContent?.trim()).toBe("Bevestigen");
    expect(byTestId(suggested, TestId.ReconcileReject).textContent?.trim()).toBe("Afwijzen");

    const matched = row(root, 1);
    expect(matched.dataset["state"]).toBe("matched");
    expect(matched.querySelector(`[data-testid="${TestId.ReconcileConfirm}"]`)).toBeNull();
    // A booked row is unlinked, not "rejected".
    expect(byTestId(matched, TestId.ReconcileReject).textContent?.trim()).toBe("Ontkoppelen");

    const unmatched = row(root, 4);
    expect(byTestId(unmatched, TestId.ReconcileAssign).textContent?.trim()).toBe(
      "Koppelen aan factuur…",
    );
    expect(byTestId(unmatched, TestId.ReconcileIgnore).textContent?.trim()).toBe(
      "Geen klantbetaling",
    );

    const ignored = row(root, 2);
    expect(ignored.querySelector("button")).toBeNull();
  });

  test("money out no one linked is out of the way until asked for", async () => {
    const { root } = await renderReconcile(undefined, { moneyOut: false });
    const ids = () =>
      [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.TransactionRow}"]`)].map(
        (element) => Number(element.dataset["transactionId"]),
      );
    expect(ids()).not.toContain(2);
    expect(ids()).toEqual(expect.arrayContaining([1, 3, 4]));
    const toggle = byTestId(root, TestId.ReconcileShowMoneyOut);
    expect(toggle.parentElement?.textContent?.trim()).toBe("Ook uitgaande betalingen (1)");
    toggle.click();
    flushSync();
    expect(ids()).toContain(2);
  });

  test("linking lists the open invoices; digits alone find one, and one click links it", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(row(root, 4), TestId.ReconcileAssign).click();
    flushSync();
    const listed = () =>
      [
        ...row(root, 4).querySelectorAll<HTMLElement>(
          `[data-testid="${TestId.ReconcileAssignOption}"]`,
        ),
      ].map((option) => option.querySelector(".number")?.textContent);
    // Only invoices with something open: 2026-0150 is paid.
    expect(listed()).toEqual(["2026-0101", "2026-0140", "2026-0171"]);
    const input = byTestId(row(root, 4), TestId.ReconcileAssignInput) as HTMLInputElement;
    input.value = "fact. nr 140";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect(listed()).toEqual(["2026-0140"]);
    byTestId(row(root, 4), TestId.ReconcileAssignOption).click();
    await settle();
    expect(calls[0]).toEqual({
      command: "reassign_match",
      args: { transactionId: 4, invoice: "2026-0140" },
    });
  });

  test("Match now runs matching, shows the summary and reloads", async () => {
    const { calls, root } = await renderReconcile();
    const run = byTestId(root, TestId.ReconcileRunButton);
    expect(run.textContent?.trim()).toBe("Nu afletteren");
    run.click();
    await settle();
    expect(names(calls)[0]).toBe("run_matching");
    expect(names(calls)).toContain("transactions");
    // Where the rows stand, money out included: it adds up to the rows.
    expect(byTestId(root, TestId.ReconcileSummary).textContent?.trim()).toBe(
      "1 geboekt, 1 voorstellen, 1 niet gevonden, 1 geen klantbetaling (4 in totaal)",
    );
  });

  test("Confirm sends the row's id, then reloads the book", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(row(root, 3), TestId.ReconcileConfirm).click();
    await settle();
    expect(calls[0]).toEqual({ command: "confirm_match", args: { transactionId: 3 } });
    expect(names(calls).slice(1)).toEqual(
      expect.arrayContaining(["book_status", "transactions", "receivables"]),
    );
  });

  test("Undo sends the id of the decision just made, then reloads", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(row(root, 1), TestId.ReconcileReject).click();
    await settle();
    expect(calls[0]).toEqual({ command: "reject_match", args: { transactionId: 1 } });

    calls.length = 0;
    const undo = byTestId(root, TestId.ReconcileUndo);
    expect(undo.textContent?.trim()).toBe("Ongedaan maken");
    undo.click();
    await settle();
    expect(calls[0]).toEqual({ command: "undo_decision", args: { decisionId: 42 } });
    expect(names(calls)).toContain("transactions");
    expect(root.querySelector(`[data-testid="${TestId.ReconcileUndo}"]`)).toBeNull();
  });

  test("Assign sends the invoice number typed in", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(row(root, 4), TestId.ReconcileAssign).click();
    flushSync();
    const input = byTestId(row(root, 4), TestId.ReconcileAssignInput) as HTMLInputElement;
    input.value = " 2026-0150 ";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    byTestId(row(root, 4), TestId.ReconcileAssignOk).click();
    await settle();
    expect(calls[0]).toEqual({
      command: "reassign_match",
      args: { transactionId: 4, invoice: "2026-0150" },
    });
    expect(names(calls)).toContain("transactions");
  });

  test("Not a customer payment ignores the row", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(row(root, 4), TestId.ReconcileIgnore).click();
    await settle();
    expect(calls[0]).toEqual({ command: "ignore_transaction", args: { transactionId: 4 } });
  });

  test("the keyboard moves the selection and Enter confirms the selected suggestion", async () => {
    const { calls, root } = await renderReconcile();
    // Rows in Rust's order: 1 matched, 2 ignored, 3 suggested, 4 unmatched.
    expect(row(root, 1).classList.contains("selected")).toBe(true);
    press("Enter");
    await settle();
    expect(calls).toEqual([]);

    press("j");
    press("ArrowDown");
    expect(row(root, 3).classList.contains("selected")).toBe(true);
    press("Enter");
    await settle();
    expect(calls[0]).toEqual({ command: "confirm_match", args: { transactionId: 3 } });

    calls.length = 0;
    press("u");
    await settle();
    expect(calls[0]).toEqual({ command: "undo_decision", args: { decisionId: 42 } });
  });

  test("shortcuts are ignored while typing in an input", async () => {
    const { calls, root } = await renderReconcile();
    const search = byTestId(root, TestId.ReconcileTextFilter);
    press("j", search);
    press("i", search);
    await settle();
    expect(row(root, 1).classList.contains("selected")).toBe(true);
    expect(calls).toEqual([]);
  });

  test("the text filter matches counterparty, description and invoice number", async () => {
    const { root } = await renderReconcile();
    const search = byTestId(root, TestId.ReconcileTextFilter) as HTMLInputElement;
    const shown = () =>
      [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.TransactionRow}"]`)].map(
        (element) => Number(element.dataset["transactionId"]),
      );
    for (const [text, ids] of [
      ["bakkerij", [3]],
      ["ABONNEMENT", [2]],
      ["2026-0139", [1]],
      ["", [1, 2, 3, 4]],
    ] as const) {
      search.value = text;
      search.dispatchEvent(new Event("input", { bubbles: true }));
      flushSync();
      expect(shown(), text).toEqual(ids);
    }
  });
});

function shown(root: HTMLElement): number[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${TestId.TransactionRow}"]`)].map(
    (element) => Number(element.dataset["transactionId"]),
  );
}

async function type(input: HTMLElement, value: string): Promise<void> {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

async function choose(select: HTMLElement, value: string): Promise<void> {
  (select as HTMLSelectElement).value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

/** A stand-in for the browser's DataTransfer, which happy-dom does not fill for synthetic drags. */
function transfer() {
  const data = new Map<string, string>();
  return {
    types: [] as string[],
    dropEffect: "none",
    effectAllowed: "all",
    setData(type: string, value: string) {
      data.set(type, value);
      this.types = [...data.keys()];
    },
    getData(type: string) {
      return data.get(type) ?? "";
    },
  };
}

function drag(target: HTMLElement, type: string, dataTransfer: ReturnType<typeof transfer>): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, "dataTransfer", { value: dataTransfer });
  target.dispatchEvent(event);
  return event;
}

describe("Reconcile: split", () => {
  test("a credit row offers Split; the dialog sends the parts and shows what is left", async () => {
    const { calls, root } = await renderReconcile();
    expect(row(root, 2).querySelector(`[data-testid="${TestId.ReconcileSplit}"]`)).toBeNull();
    byTestId(row(root, 4), TestId.ReconcileSplit).click();
    flushSync();
    const dialog = byTestId(root, TestId.SplitDialog);
    expect(dialog.dataset["transactionId"]).toBe("4");
    // No customer is called "P. Pietersen": two empty lines to fill.
    const parts = () => [...dialog.querySelectorAll<HTMLElement>(`[data-testid="${TestId.SplitPart}"]`)];
    expect(parts()).toHaveLength(2);
    const remaining = byTestId(dialog, TestId.SplitRemaining);
    const confirm = byTestId(dialog, TestId.SplitConfirm) as HTMLButtonElement;
    expect(remaining.dataset["remaining"]).toBe("500.00");
    expect(confirm.disabled).toBe(true);

    // The zero-open invoice is not offered.
    const options = [...byTestId(parts()[0]!, TestId.SplitInvoice).querySelectorAll("option")].map(
      (option) => option.getAttribute("value"),
    );
    expect(options).toEqual(["", "2026-0101", "2026-0140", "2026-0171"]);

    await choose(byTestId(parts()[0]!, TestId.SplitInvoice), "2026-0140");
    await type(byTestId(parts()[0]!, TestId.SplitAmount), "300");
    await choose(byTestId(parts()[1]!, TestId.SplitInvoice), "2026-0171");
    await type(byTestId(parts()[1]!, TestId.SplitAmount), "250,00");
    expect(remaining.dataset["remaining"]).toBe("-50.00");
    expect(remaining.textContent).toContain("meer verdeeld dan de betaling");
    expect(confirm.disabled).toBe(true);

    await type(byTestId(parts()[1]!, TestId.SplitAmount), "200,00");
    expect(remaining.dataset["remaining"]).toBe("0.00");
    expect(confirm.disabled).toBe(false);

    // A third line without an invoice keeps the button disabled until removed.
    byTestId(dialog, TestId.SplitAdd).click();
    flushSync();
    expect(parts()).toHaveLength(3);
    expect(confirm.disabled).toBe(true);
    byTestId(parts()[2]!, TestId.SplitRemove).click();
    flushSync();
    expect(confirm.disabled).toBe(false);

    confirm.click();
    await settle();
    expect(calls[0]).toEqual({
      command: "split_match",
      args: {
        transactionId: 4,
        parts: [
          { invoice: "2026-0140", amount: "300.00" },
          { invoice: "2026-0171", amount: "200.00" },
        ],
      },
    });
    expect(names(calls)).toContain("transactions");
    expect(root.querySelector(`[data-testid="${TestId.SplitDialog}"]`)).toBeNull();
    expect(byTestId(root, TestId.ReconcileUndo).parentElement?.textContent).toContain(
      "Verdeeld over 2026-0140, 2026-0171.",
    );
  });

  test("the dialog starts with the open invoices of the customer the payer is", async () => {
    const { root } = await renderReconcile();
    byTestId(row(root, 3), TestId.ReconcileSplit).click();
    flushSync();
    const dialog = byTestId(root, TestId.SplitDialog);
    const parts = [...dialog.querySelectorAll<HTMLElement>(`[data-testid="${TestId.SplitPart}"]`)];
    expect(parts).toHaveLength(1);
    expect((byTestId(parts[0]!, TestId.SplitInvoice) as HTMLSelectElement).value).toBe("2026-0101");
    expect((byTestId(parts[0]!, TestId.SplitAmount) as HTMLInputElement).value).toBe("8666.54");
    expect(byTestId(dialog, TestId.SplitRemaining).dataset["remaining"]).toBe("0.00");
    // Escape closes it without a call.
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    flushSync();
    expect(root.querySelector(`[data-testid="${TestId.SplitDialog}"]`)).toBeNull();
  });
});

describe("Reconcile: split with the keyboard", () => {
  test("s opens the split dialog of the selected row; other shortcuts wait while it is open", async () => {
    const { calls, root } = await renderReconcile();
    press("s");
    expect(byTestId(root, TestId.SplitDialog).dataset["transactionId"]).toBe("1");
    press("j");
    press("u");
    await settle();
    expect(row(root, 1).classList.contains("selected")).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe("Reconcile: drag onto an invoice", () => {
  test("dropping a row on an open invoice books it there", async () => {
    const { calls, root } = await renderReconcile();
    expect(root.querySelector(`[data-testid="${TestId.OpenInvoiceList}"]`)).toBeNull();
    byTestId(root, TestId.ReconcileShowInvoices).click();
    flushSync();
    const list = byTestId(root, TestId.OpenInvoiceList);
    const numbers = () =>
      [...list.querySelectorAll<HTMLElement>(`[data-testid="${TestId.OpenInvoice}"]`)].map(
        (element) => element.dataset["number"],
      );
    expect(numbers()).toEqual(["2026-0101", "2026-0140", "2026-0171"]);
    await type(byTestId(list, TestId.OpenInvoiceFilter), "hoekje");
    expect(numbers()).toEqual(["2026-0171"]);

    const source = row(root, 4);
    expect(source.getAttribute("draggable")).toBe("true");
    const dataTransfer = transfer();
    drag(source, "dragstart", dataTransfer);
    expect(dataTransfer.getData("text/x-tegoed-transaction")).toBe("4");

    const target = list.querySelector<HTMLElement>(
      `[data-testid="${TestId.OpenInvoice}"][data-number="2026-0171"]`,
    )!;
    expect(drag(target, "dragover", dataTransfer).defaultPrevented).toBe(true);
    drag(target, "drop", dataTransfer);
    await settle();
    expect(calls[0]).toEqual({
      command: "reassign_match",
      args: { transactionId: 4, invoice: "2026-0171" },
    });
    expect(names(calls)).toContain("transactions");
    expect(byTestId(root, TestId.ReconcileUndo).parentElement?.textContent).toContain(
      "Gekoppeld aan factuur 2026-0171.",
    );
  });

  test("a drag that carries no transaction is not taken", async () => {
    const { calls, root } = await renderReconcile();
    byTestId(root, TestId.ReconcileShowInvoices).click();
    flushSync();
    const target = byTestId(root, TestId.OpenInvoice);
    const files = transfer();
    files.setData("text/plain", "hello");
    expect(drag(target, "dragover", files).defaultPrevented).toBe(false);
    drag(target, "drop", files);
    await settle();
    expect(calls).toEqual([]);
  });
});

describe("Reconcile: filters", () => {
  test("by customer: the payer's name or an invoice of that customer", async () => {
    const elsewhere: TransactionRow = {
      ...UNMATCHED,
      id: 5,
      counterparty_name: "Onbekend",
      state: "suggested",
      invoices: ["2026-0101"],
    };
    const { root } = await renderReconcile([...TRANSACTIONS, SUGGESTED, UNMATCHED, elsewhere]);
    const select = byTestId(root, TestId.ReconcileFilterCustomer);
    const options = [...select.querySelectorAll("option")].map((option) => option.textContent);
    expect(options).toEqual(["Alle klanten", "Bakkerij de Vries", "Piet Pietersen"]);
    await choose(select, "Bakkerij de Vries");
    expect(shown(root)).toEqual([3, 5]);
    await choose(select, "");
    expect(shown(root)).toEqual([1, 2, 3, 4, 5]);
  });

  test("by amount range, in cents and without sign", async () => {
    const { root } = await renderReconcile();
    const min = byTestId(root, TestId.ReconcileFilterAmountMin);
    const max = byTestId(root, TestId.ReconcileFilterAmountMax);
    await type(min, "1.000");
    expect(shown(root)).toEqual([1, 3]);
    await type(min, "1210,01");
    expect(shown(root)).toEqual([3]);
    await type(min, "");
    await type(max, "500,00");
    expect(shown(root)).toEqual([2, 4]);
    await type(min, "40");
    await type(max, "45,99");
    expect(shown(root)).toEqual([2]);
    // Not an amount: marked, and filters nothing.
    await type(max, "veel");
    expect(max.getAttribute("aria-invalid")).toBe("true");
    expect(shown(root)).toEqual([1, 2, 3, 4]);
  });

  test("by date range, both ends included", async () => {
    const { root } = await renderReconcile();
    const from = byTestId(root, TestId.ReconcileFilterFrom);
    const to = byTestId(root, TestId.ReconcileFilterTo);
    await type(from, "2026-11-25");
    expect(shown(root)).toEqual([1, 3]);
    await type(to, "2026-11-25");
    expect(shown(root)).toEqual([1]);
    await type(from, "");
    await type(to, "2026-11-24");
    expect(shown(root)).toEqual([2, 4]);
    byTestId(root, TestId.ReconcileFilterClear).click();
    flushSync();
    expect(shown(root)).toEqual([1, 2, 3, 4]);
  });
});

describe("Reconcile: confidence", () => {
  test("a matched or suggested row shows how sure the match is", async () => {
    const { root } = await renderReconcile();
    const suggested = byTestId(row(root, 3), TestId.ReconcileConfidence);
    expect(suggested.dataset["confidence"]).toBe("82");
    expect(suggested.textContent).toContain("82%");
    expect(suggested.classList.contains("unsure")).toBe(false);
    expect(byTestId(row(root, 1), TestId.ReconcileConfidence).dataset["confidence"]).toBe("98");
    expect(row(root, 4).querySelector(`[data-testid="${TestId.ReconcileConfidence}"]`)).toBeNull();
  });
});
