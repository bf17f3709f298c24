/**
 * The dunning screens' state: the work date every dunning screen shares
 * (so a person, or a test, can look ahead), the Today list, the call
 * screen, the plan editor and the customer detail. Rust decides every
 * step, reason, amount and instalment; these classes only hold what it
 * said and send what a person entered. Amounts stay decimal strings.
 */

import * as commands from "../api/commands";
import { centsToDecimal, parseCents } from "../format/money";
import type {
  CallSheet,
  ChosenLetter,
  CommandError,
  CustomerDetail,
  CustomerUpdate,
  Language,
  NextStepView,
  PlanView,
  TodayList,
} from "../api/types";

/** The call outcomes of `domain.md` §1.4, in the order the call screen offers them. */
export const CALL_OUTCOMES = [
  "promise",
  "no_answer",
  "not_received",
  "awaiting_approval",
  "plan_requested",
  "says_paid",
  "dispute",
  "refused",
  "paid",
] as const;

/** One of {@link CALL_OUTCOMES}. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The instalment periods the plan editor offers (Rust also takes a number of days). */
export const PLAN_PERIODS = ["month", "week"] as const;

/**
 * An amount as a person typed it (`1.452,00`, `1452.5`) as the decimal
 * string Rust takes; what is not an amount goes to Rust as typed, so Rust
 * says what is wrong with it. Null when nothing was typed.
 */
function typedAmount(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const cents = parseCents(trimmed);
  return cents === null ? trimmed : centsToDecimal(cents);
}

/** The day the dunning screens look at, shared by Today, the call screen and the customer detail. */
export class WorkDate {
  /** `YYYY-MM-DD`, or null for today (Rust's today). */
  asOf = $state<string | null>(null);

  /** Sets the day; an empty value means today. */
  set(value: string): void {
    this.asOf = value.trim() === "" ? null : value.trim();
  }
}

/** The key of a Today action: its customer and action code. */
export function actionKey(item: { customer_code: string; action: string }): string {
  return `${item.customer_code}:${item.action}`;
}

/** The work list of the Today screen. */
export class TodayState {
  /** What Rust listed for the day; null until loaded. */
  list = $state.raw<TodayList | null>(null);
  /** True when the person chose to continue despite stale bank data. */
  ignoreStaleBank = $state(false);
  /** True while loading. */
  busy = $state(false);
  /** The last error, until the next load. */
  error = $state.raw<CommandError | null>(null);

  /** The letter actions ticked, as `customer:action` keys. */
  chosen = $state<string[]>([]);

  /** The letter actions of the list (Rust says which actions are letters). */
  letterActions = $derived(this.list?.actions.filter((item) => item.is_letter) ?? []);
  /** The ticked letter actions that are still on the list, as `make_letters` takes them. */
  chosenLetters = $derived<ChosenLetter[]>(
    this.letterActions
      .filter((item) => this.chosen.includes(actionKey(item)))
      .map((item) => ({ customer_code: item.customer_code, action: item.action })),
  );

  readonly date: WorkDate;
  #generation = 0;

  constructor(date: WorkDate) {
    this.date = date;
  }

  /** True when the letter action `item` is ticked. */
  isChosen(item: { customer_code: string; action: string }): boolean {
    return this.chosen.includes(actionKey(item));
  }

  /** Ticks or unticks a letter action. */
  toggle(item: { customer_code: string; action: string }, on: boolean): void {
    const key = actionKey(item);
    this.chosen = on
      ? [...this.chosen.filter((chosen) => chosen !== key), key]
      : this.chosen.filter((chosen) => chosen !== key);
  }

  /** Ticks every letter action, or none. */
  chooseAll(on: boolean): void {
    this.chosen = on ? this.letterActions.map(actionKey) : [];
  }

  /** Loads the list for the work date. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.busy = true;
    try {
      const list = await commands.today(this.date.asOf, this.ignoreStaleBank);
      if (generation !== this.#generation) return;
      this.list = list;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = commands.toCommandError(error);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Moves the work date and reloads. */
  async moveTo(value: string): Promise<void> {
    this.date.set(value);
    await this.load();
  }

  /** Lists the actions although bank data is stale: the person's explicit choice. */
  async continueAnyway(): Promise<void> {
    this.ignoreStaleBank = true;
    await this.load();
  }
}

/** The call screen: the prepared sheet and the form of one call. */
export class CallState {
  /** The prepared sheet; null until loaded. */
  sheet = $state.raw<CallSheet | null>(null);
  /** The outcome chosen; null until a button is pressed. */
  outcome = $state<CallOutcome | null>(null);
  promiseDate = $state("");
  amount = $state("");
  contact = $state("");
  note = $state("");
  /** What Rust said comes next, once the call is saved. */
  next = $state.raw<NextStepView | null>(null);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);

  /** True when the promise fields are shown. */
  isPromise = $derived(this.outcome === "promise");
  /** True when the form may be saved (a promise needs its date). */
  canSave = $derived(
    this.outcome !== null && (this.outcome !== "promise" || this.promiseDate.trim() !== ""),
  );

  readonly customer: string;
  readonly date: WorkDate;

  constructor(customer: string, date: WorkDate) {
    this.customer = customer;
    this.date = date;
  }

  /** Loads the sheet; the contact field starts with the contact person. */
  async load(): Promise<void> {
    await this.#act(async () => {
      this.sheet = await commands.callSheet(this.customer, this.date.asOf);
      if (this.contact === "") this.contact = this.sheet.customer.contact_person ?? "";
    });
  }

  /** Chooses an outcome; a new call's form hides the last call's result. */
  choose(outcome: CallOutcome): void {
    this.outcome = outcome;
    this.next = null;
  }

  /** Records the call on the work date; afterwards `next` holds the next step. */
  async save(): Promise<void> {
    const outcome = this.outcome;
    if (outcome === null || !this.canSave) return;
    await this.#act(async () => {
      const promise = outcome === "promise";
      this.next = await commands.logCall({
        customer: this.customer,
        outcome,
        promise_date: promise ? this.promiseDate : null,
        amount: promise ? typedAmount(this.amount) : null,
        contact: this.contact.trim() === "" ? null : this.contact,
        note: this.note.trim() === "" ? null : this.note,
        at: this.date.asOf,
      });
      // Saved: the form starts afresh, so a second press cannot log the call twice.
      this.outcome = null;
      this.promiseDate = "";
      this.amount = "";
      this.note = "";
      this.sheet = await commands.callSheet(this.customer, this.date.asOf);
    });
  }

  async #act(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.error = null;
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** The plan editor: instalments previewed by Rust before the plan is agreed. */
export class PlanState {
  instalments = $state(3);
  first = $state("");
  every = $state<string>("month");
  /** Rust's preview of the form as it is now; null until previewed. */
  preview = $state.raw<PlanView | null>(null);
  /** The plan as agreed; null until agreed. */
  agreed = $state.raw<PlanView | null>(null);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);

  /** True when the form can be previewed. */
  isComplete = $derived(this.instalments >= 1 && this.first.trim() !== "");

  readonly customer: string;
  readonly date: WorkDate;
  // The form the current preview was made for: agreeing needs a fresh preview.
  #previewed = $state("");

  constructor(customer: string, date: WorkDate) {
    this.customer = customer;
    this.date = date;
  }

  /** True when the preview shows the form as it is now. */
  get isPreviewed(): boolean {
    return this.preview !== null && this.#previewed === this.#key();
  }

  /** Asks Rust for the instalments of the form. */
  async showPreview(): Promise<void> {
    if (!this.isComplete) return;
    const key = this.#key();
    await this.#act(async () => {
      this.preview = await commands.previewPlan(this.#form());
      this.#previewed = key;
    });
  }

  /** Agrees the previewed plan. */
  async agree(): Promise<void> {
    if (!this.isPreviewed) return;
    await this.#act(async () => {
      this.agreed = await commands.agreePlan(this.#form());
    });
  }

  #form() {
    return {
      customer: this.customer,
      instalments: this.instalments,
      first: this.first,
      every: this.every,
      invoices: [],
      at: this.date.asOf,
    };
  }

  #key(): string {
    return `${this.instalments}|${this.first}|${this.every}|${this.date.asOf ?? ""}`;
  }

  async #act(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.error = null;
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** The text fields of the customer form, as typed. */
export type CustomerTexts = {
  email: string;
  phone: string;
  contact_person: string;
  address: string;
  payment_term_days: string;
};

/** The customer detail: contact data and flags to edit, disputes, the timeline. */
export class CustomerDetailState {
  detail = $state.raw<CustomerDetail | null>(null);
  /** The text fields as the person is typing them. */
  texts = $state<CustomerTexts>({
    email: "",
    phone: "",
    contact_person: "",
    address: "",
    payment_term_days: "",
  });
  /** True right after a save succeeded, until the next edit. */
  saved = $state(false);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);

  readonly code: string;
  readonly date: WorkDate;

  constructor(code: string, date: WorkDate) {
    this.code = code;
    this.date = date;
  }

  /** Loads the detail on the work date. */
  async load(): Promise<void> {
    await this.#act(async () => {
      this.#show(await commands.customerDetail(this.code, this.date.asOf));
    });
  }

  /** Saves the text fields. */
  async saveTexts(): Promise<void> {
    const term = this.texts.payment_term_days.trim();
    const days = term === "" ? null : Number.parseInt(term, 10);
    await this.update({
      email: this.texts.email,
      phone: this.texts.phone,
      contact_person: this.texts.contact_person,
      address: this.texts.address,
      payment_term_days: days !== null && Number.isFinite(days) ? days : null,
    });
  }

  /** Turns one flag on or off at once. */
  setFlag(
    flag: "consumer" | "own_terms" | "no_calls" | "stop_dunning" | "fatal_term_agreed",
    value: boolean,
  ): Promise<void> {
    return this.update({ [flag]: value });
  }

  /** Changes the letter language. */
  setLanguage(language: Language): Promise<void> {
    return this.update({ language });
  }

  /** Sends changes to Rust; the detail shows what Rust now holds. */
  async update(changes: Partial<CustomerUpdate>): Promise<void> {
    await this.#act(async () => {
      const full: CustomerUpdate = {
        consumer: null,
        own_terms: null,
        no_calls: null,
        stop_dunning: null,
        fatal_term_agreed: null,
        language: null,
        email: null,
        phone: null,
        contact_person: null,
        address: null,
        payment_term_days: null,
        ...changes,
      };
      this.#show(await commands.updateCustomer(this.code, full, this.date.asOf));
      this.saved = true;
    });
  }

  /** Sets or lifts a dispute on one of the customer's invoices. */
  async setDispute(invoice: string, disputed: boolean): Promise<void> {
    await this.#act(async () => {
      await commands.setDispute(invoice, disputed, null, this.date.asOf);
      this.#show(await commands.customerDetail(this.code, this.date.asOf));
    });
  }

  #show(detail: CustomerDetail): void {
    this.detail = detail;
    const customer = detail.customer;
    this.texts = {
      email: customer.email ?? "",
      phone: customer.phone ?? "",
      contact_person: customer.contact_person ?? "",
      address: customer.address ?? "",
      payment_term_days:
        customer.payment_term_days === null ? "" : String(customer.payment_term_days),
    };
  }

  async #act(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.saved = false;
    try {
      await action();
      this.error = null;
    } catch (error) {
      this.error = commands.toCommandError(error);
    } finally {
      this.busy = false;
    }
  }
}
