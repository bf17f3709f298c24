/**
 * Working through the Reconcile list: running the matcher, a person's
 * decisions on single transactions, and undoing the last one. Every
 * decision is made in Rust; afterwards the book is reloaded so the screens
 * show what Rust now says. Nothing here decides a match itself.
 */

import * as commands from "../api/commands";
import type { Decision, MatchSummary } from "../api/commands";
import type { SplitPart } from "../api/types";
import type { BookState } from "./book.svelte";

/** The drag data type that carries a transaction's id onto an invoice. */
export const TRANSACTION_DRAG_TYPE = "text/x-tegoed-transaction";

/** What a person did to a transaction, for the undo bar's text. */
export type DecisionKind = "confirm" | "reject" | "assign" | "split" | "ignore";

/** The last decision, which the undo bar offers to take back. */
export type LastDecision = {
  id: number;
  kind: DecisionKind;
  transactionId: number;
  /** The invoice number for `assign`; the numbers, joined, for `split`. */
  invoice: string | null;
};

/** Runs the matcher and records decisions for the Reconcile screen. */
export class ReconcileState {
  /** What the last "Match now" did; null until it has run. */
  summary = $state.raw<MatchSummary | null>(null);
  /** The decision the undo bar offers; null when there is none to undo. */
  lastDecision = $state.raw<LastDecision | null>(null);
  /** True while a command of this screen is in flight. */
  busy = $state(false);

  readonly #book: BookState;

  constructor(book: BookState) {
    this.#book = book;
  }

  /** Runs matching over the book, keeps the summary, then reloads. */
  async run(): Promise<void> {
    await this.#act(async () => {
      this.summary = await commands.runMatching();
      await this.#book.reload();
    });
  }

  /** Confirms the suggested match of transaction `transactionId`. */
  confirm(transactionId: number): Promise<boolean> {
    return this.#decide("confirm", transactionId, null, () => commands.confirmMatch(transactionId));
  }

  /** Rejects the suggested or booked match of transaction `transactionId`. */
  reject(transactionId: number): Promise<boolean> {
    return this.#decide("reject", transactionId, null, () => commands.rejectMatch(transactionId));
  }

  /** Books transaction `transactionId` against the invoice numbered `invoice`; true when it was. */
  assign(transactionId: number, invoice: string): Promise<boolean> {
    const number = invoice.trim();
    return this.#decide("assign", transactionId, number, () =>
      commands.reassignMatch(transactionId, number),
    );
  }

  /** Books transaction `transactionId` against several invoices, `parts` as Rust takes them. */
  split(transactionId: number, parts: readonly SplitPart[]): Promise<boolean> {
    const numbers = parts.map((part) => part.invoice).join(", ");
    return this.#decide("split", transactionId, numbers, () =>
      commands.splitMatch(transactionId, parts),
    );
  }

  /** Marks transaction `transactionId` as not a customer payment. */
  ignore(transactionId: number): Promise<boolean> {
    return this.#decide("ignore", transactionId, null, () =>
      commands.ignoreTransaction(transactionId),
    );
  }

  /** Takes back the last decision, if any, then reloads. */
  async undo(): Promise<void> {
    const decision = this.lastDecision;
    if (decision === null) return;
    await this.#act(async () => {
      await commands.undoDecision(decision.id);
      this.lastDecision = null;
      await this.#book.reload();
    });
  }

  /** Hides the undo bar without undoing. */
  dismissUndo(): void {
    this.lastDecision = null;
  }

  async #decide(
    kind: DecisionKind,
    transactionId: number,
    invoice: string | null,
    send: () => Promise<Decision>,
  ): Promise<boolean> {
    return this.#act(async () => {
      const decision = await send();
      this.lastDecision = { id: decision.id, kind, transactionId, invoice };
      await this.#book.reload();
    });
  }

  // One command at a time: a second key press while the first is in flight is dropped.
  // True when the action went through.
  async #act(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.#book.reportError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
