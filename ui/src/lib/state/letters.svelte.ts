/**
 * The letter screens' state: a batch of letters just made (their preview
 * and delivery), the outbox, a send run with its progress and cancel, and
 * the business and mail settings. Rust makes the letters, renders their
 * pages, decides what may be sent (never twice) and keeps every state;
 * these classes only hold what it said and send what a person chose.
 */

import * as commands from "../api/commands";
import type {
  BusinessSettings,
  ChosenLetter,
  CommandError,
  LetterPreview,
  MadeLetterView,
  OutboxLetter,
  SendOutcome,
  SendProgress,
  SmtpSettings,
  WrittenFile,
} from "../api/types";

/** Runs `action` unless `owner` is busy, keeping its `busy` and `error` up to date. */
async function act(
  owner: { busy: boolean; error: CommandError | null },
  action: () => Promise<void>,
): Promise<void> {
  if (owner.busy) return;
  owner.busy = true;
  try {
    await action();
    owner.error = null;
  } catch (error) {
    owner.error = commands.toCommandError(error);
  } finally {
    owner.busy = false;
  }
}

/** One batch of e-mails: Rust's progress events, a cancel, and what Rust reported. */
export class SendRun {
  /** The last progress Rust reported; null when no batch runs. */
  progress = $state.raw<SendProgress | null>(null);
  /** What the last batch did; null until one finished. */
  outcome = $state.raw<SendOutcome | null>(null);
  /** True while a batch runs. */
  busy = $state(false);
  /** True once cancel was asked for this batch. */
  cancelling = $state(false);
  error = $state.raw<CommandError | null>(null);

  /** Mails `ids` (null = every letter waiting) on `at` (null = today). */
  async send(ids: readonly number[] | null, at: string | null): Promise<void> {
    await act(this, async () => {
      this.outcome = null;
      this.cancelling = false;
      this.progress = { done: 0, total: ids?.length ?? 0 };
      const unlisten = await commands.listenSendProgress((progress) => {
        this.progress = progress;
      });
      try {
        this.outcome = await commands.sendLetters(ids, at);
      } finally {
        unlisten();
        this.progress = null;
      }
    });
  }

  /** Asks Rust to stop the batch before its next letter. */
  async cancel(): Promise<void> {
    if (!this.busy) return;
    this.cancelling = true;
    try {
      await commands.cancelSend();
    } catch (error) {
      this.error = commands.toCommandError(error);
    }
  }
}

/** The letters just made from Today: which one is shown, its pages, and their delivery. */
export class LetterBatch {
  letters = $state.raw<MadeLetterView[]>([]);
  /** The letter shown; null when there is none. */
  shown = $state<number | null>(null);
  /** Rust's rendering of the shown letter; null while it loads. */
  preview = $state.raw<LetterPreview | null>(null);
  /** The last file handed to the system (a draft, a print batch). */
  written = $state.raw<WrittenFile | null>(null);
  /** True once the batch was printed. */
  printed = $state(false);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);
  readonly run = new SendRun();

  /** The ids of the batch, in order. */
  ids = $derived(this.letters.map((letter) => letter.id));

  /** Makes the chosen letters on `asOf` and shows the first. */
  async make(
    asOf: string | null,
    ignoreStaleBank: boolean,
    chosen: readonly ChosenLetter[],
  ): Promise<void> {
    await act(this, async () => {
      this.letters = await commands.makeLetters(asOf, ignoreStaleBank, chosen);
      this.preview = null;
      this.shown = null;
    });
    const first = this.letters[0];
    if (first !== undefined) await this.show(first.id);
  }

  /** Shows letter `id`: asks Rust for its rendered pages. */
  async show(id: number): Promise<void> {
    this.shown = id;
    this.preview = null;
    try {
      const preview = await commands.previewLetter(id);
      if (this.shown === id) this.preview = preview;
    } catch (error) {
      this.error = commands.toCommandError(error);
    }
  }

  /** Mails the whole batch; Rust skips what was sent already. */
  async email(at: string | null): Promise<void> {
    await this.run.send(this.ids, at);
  }

  /** Prints the batch as one PDF (through `lp` when `direct` and present). */
  async print(direct: boolean, at: string | null): Promise<void> {
    await act(this, async () => {
      this.written = await commands.printLetters(this.ids, direct, at);
      this.printed = true;
    });
  }

  /** Writes letter `id` as a draft and opens it in the mail program. */
  async draft(id: number): Promise<void> {
    await act(this, async () => {
      this.written = await commands.draftLetter(id);
    });
  }

  /** Opens letter `id` in the system viewer. */
  async open(id: number): Promise<void> {
    await act(this, async () => {
      this.written = await commands.openLetter(id);
    });
  }
}

/** The Outbox screen: every letter with its state, retry of failed ones. */
export class OutboxState {
  letters = $state.raw<OutboxLetter[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);
  readonly run = new SendRun();

  /** The letters whose send failed, which a person may retry. */
  failed = $derived(this.letters.filter((letter) => letter.state === "failed"));
  /** Letters not yet mailed, printed or failed: made and waiting. */
  waiting = $derived(this.letters.filter((letter) => letter.state === "generated"));

  /** Loads the outbox. */
  async load(): Promise<void> {
    await act(this, async () => {
      this.letters = await commands.outbox();
      this.loaded = true;
    });
  }

  /** Mails `ids` again (null = every waiting or failed letter), then reloads. */
  async send(ids: readonly number[] | null, at: string | null): Promise<void> {
    await this.run.send(ids, at);
    await this.load();
  }

  /** Opens letter `id` in the system viewer. */
  async open(id: number): Promise<void> {
    await act(this, async () => {
      await commands.openLetter(id);
    });
  }
}

/** An empty business form. */
export const NO_BUSINESS: BusinessSettings = {
  name: "",
  address: "",
  kvk_number: "",
  vat_number: "",
  iban: "",
  bic: "",
  phone: "",
  email: "",
  contact_person: "",
  logo: null,
  agency_name: "",
  agency_contact: "",
  pay_to_agency: true,
};

/** The business, agency and mail server settings. */
export class LetterSettings {
  /** The business form as the person is typing it. */
  business = $state<BusinessSettings>({ ...NO_BUSINESS });
  /** The mail server as Rust holds it (password never included). */
  smtp = $state.raw<SmtpSettings | null>(null);
  /** The SMTP URL as typed. */
  smtpUrl = $state("");
  /** A password typed for the keychain; cleared once saved. */
  smtpPassword = $state("");
  /** Where the test mail goes. */
  testTo = $state("");
  /** The Message-ID of the test mail, once sent. */
  testSent = $state<string | null>(null);
  /** Which form was saved last, until the next edit. */
  saved = $state<"business" | "smtp" | null>(null);
  busy = $state(false);
  error = $state.raw<CommandError | null>(null);

  /** Loads both forms. */
  async load(): Promise<void> {
    await act(this, async () => {
      const [business, smtp] = await Promise.all([
        commands.businessSettings(),
        commands.smtpSettings(),
      ]);
      this.business = { ...business };
      this.#showSmtp(smtp);
    });
  }

  /** Saves the business and agency details. */
  async saveBusiness(): Promise<void> {
    await act(this, async () => {
      this.business = { ...(await commands.saveBusinessSettings($state.snapshot(this.business))) };
      this.saved = "business";
    });
  }

  /** Asks for a logo; keeps the form's typing. */
  async chooseLogo(): Promise<void> {
    await act(this, async () => {
      const chosen = await commands.chooseLogo();
      if (chosen !== null) this.business.logo = chosen.logo;
    });
  }

  /** Takes the logo off the letters. */
  async removeLogo(): Promise<void> {
    await act(this, async () => {
      this.business.logo = (await commands.removeLogo()).logo;
    });
  }

  /** Saves the SMTP URL, and the password to the keychain when one was typed. */
  async saveSmtp(): Promise<void> {
    await act(this, async () => {
      const password = this.smtpPassword === "" ? null : this.smtpPassword;
      this.#showSmtp(await commands.saveSmtpSettings(this.smtpUrl, password));
      this.smtpPassword = "";
      this.saved = "smtp";
    });
  }

  /** Sends a test mail to `testTo`. */
  async sendTest(): Promise<void> {
    await act(this, async () => {
      this.testSent = null;
      this.testSent = await commands.sendTestMail(this.testTo);
    });
  }

  #showSmtp(smtp: SmtpSettings): void {
    this.smtp = smtp;
    this.smtpUrl = smtp.source === "saved" ? smtp.url : "";
  }
}
