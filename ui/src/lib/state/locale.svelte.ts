/**
 * The interface language. Rust decides it (a saved setting, else the OS
 * language) and saves changes; this class only holds the current value so
 * that every `t()` call re-renders when it changes.
 */

import * as commands from "../api/commands";
import type { Language } from "../api/types";

/** The languages the interface speaks, in the order Settings lists them. */
export const LANGUAGES: readonly Language[] = ["nl", "en"];

/** Holds the current interface language. */
export class LocaleState {
  /** The language every string and number is shown in. */
  current = $state<Language>("nl");

  /** Asks Rust which language to start in. */
  async load(): Promise<void> {
    this.apply(await commands.language());
  }

  /**
   * Saves `language` through Rust and switches to it.
   * Rejects with a `CommandError` and keeps the old language when saving fails.
   */
  async change(language: Language): Promise<void> {
    await commands.setLanguage(language);
    this.apply(language);
  }

  /** Switches the interface without saving (used for the value Rust sent). */
  apply(language: Language): void {
    this.current = language;
    if (typeof document !== "undefined") document.documentElement.lang = language;
  }
}

/** The app's one locale. */
export const locale = new LocaleState();
