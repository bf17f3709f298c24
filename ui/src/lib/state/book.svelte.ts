/**
 * The open book as the screens see it: what the commands returned the last
 * time everything was loaded. Nothing here computes money; totals, counts
 * and ageing come from Rust as they are.
 */

import * as commands from "../api/commands";
import type {
  AccountRow,
  BookStatus,
  CommandError,
  CustomerRow,
  LetterRow,
  Receivables,
  TransactionRow,
} from "../api/types";
import { locale } from "./locale.svelte";

/** Holds the data of the open book and the state of loading it. */
export class BookState {
  /** Path and emptiness of the open book; null until the first load. */
  status = $state.raw<BookStatus | null>(null);
  /** Totals, ageing and open invoices for today. */
  receivables = $state.raw<Receivables | null>(null);
  customers = $state.raw<CustomerRow[]>([]);
  accounts = $state.raw<AccountRow[]>([]);
  transactions = $state.raw<TransactionRow[]>([]);
  letters = $state.raw<LetterRow[]>([]);

  /** True once the first load has finished, whether or not it succeeded. */
  ready = $state(false);
  /** True while a load, a demo book or another book is in progress. */
  busy = $state(false);
  /** The last error a command returned, until dismissed. */
  error = $state.raw<CommandError | null>(null);

  /** True when the book holds no invoices and no bank transactions yet. */
  isEmpty = $derived(this.status?.empty ?? false);

  // Each load gets a number, so a slow earlier load cannot overwrite a later one.
  #generation = 0;

  /** First load at start-up: the language, then the book. */
  async start(): Promise<void> {
    try {
      await locale.load();
    } catch (error) {
      this.error = commands.toCommandError(error);
    }
    await this.reload();
    this.ready = true;
  }

  /** Loads everything the screens show, all commands at once. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.busy = true;
    try {
      const [status, receivables, customers, accounts, transactions, letters] = await Promise.all([
        commands.bookStatus(),
        commands.receivables(null),
        commands.customers(null),
        commands.accounts(),
        commands.transactions(),
        commands.letters(),
      ]);
      if (generation !== this.#generation) return;
      this.status = status;
      this.receivables = receivables;
      this.customers = customers;
      this.accounts = accounts;
      this.transactions = transactions;
      this.letters = letters;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = commands.toCommandError(error);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Fills the open book with the demo business, then reloads. */
  async createDemo(): Promise<void> {
    await this.#run(async () => {
      this.status = await commands.createDemoBook();
      await this.reload();
    });
  }

  /** Lets the user pick another book; reloads unless they cancelled. */
  async openOther(): Promise<void> {
    await this.#run(async () => {
      const status = await commands.openOtherBook();
      if (status === null) return;
      this.status = status;
      await this.reload();
    });
  }

  /** Shows an error from a command called elsewhere (e.g. Settings). */
  reportError(error: unknown): void {
    this.error = commands.toCommandError(error);
  }

  /** Forgets the last error. */
  dismissError(): void {
    this.error = null;
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.busy = false;
    }
  }
}
