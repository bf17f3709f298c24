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

async function renderReconcile(transactions?: TransactionRow[]) {
  const calls = serveReconcile(transactions);
  const book = new BookState();
  await book.start();
  mounted = render(Reconcile, { book });
  await settle();
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
    byTestId(matched, TestId.ReconcileReject);

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

  test("Match now runs matching, shows the summary and reloads", async () => {
    const { calls, root } = await renderReconcile();
    const run = byTestId(root, TestId.ReconcileRunButton);
    expect(run.textContent?.trim()).toBe("Nu afletteren");
    run.click();
    await settle();
    expect(names(calls)[0]).toBe("run_matching");
    expect(names(calls)).toContain("transactions");
    expect(byTestId(root, TestId.ReconcileSummary).textContent?.trim()).toBe(
      "12 geboekt, 3 voorstellen, 5 niet gevonden",
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
