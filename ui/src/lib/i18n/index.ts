/**
 * Translations. Every user-facing string lives in `nl.json` and `en.json`
 * under the same flat key; `t()` reads the current language from
 * `locale`, so a component that calls it re-renders when the language
 * changes.
 */

import type { Language } from "../api/types";
import { locale } from "../state/locale.svelte";
import { INTL_LOCALE } from "../format/locale";
import en from "./en.json";
import nl from "./nl.json";

/** A key of the message catalogues. */
export type MessageKey = keyof typeof nl;

/** Values put into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Keys that come in a `.one` / `.other` pair, named without the suffix. */
export type PluralKey = MessageKey extends infer Key
  ? Key extends `${infer Base}.one`
    ? Base
    : never
  : never;

/** The message catalogues; a key missing from `en` fails type checking. */
export const CATALOGS: Record<Language, Record<MessageKey, string>> = { nl, en };

/** True when `key` is a message key. */
export function isMessageKey(key: string): key is MessageKey {
  return hasOwn(nl, key);
}

// `Object.hasOwn` needs Safari 15.4; the build targets Safari 15.
function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function fill(text: string, params: MessageParams | undefined): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** The message `key` in `language`, with `{name}` placeholders filled in. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return fill(CATALOGS[language][key], params);
}

/** The message `key` in the current language, with placeholders filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale.current, key, params);
}

/** The `.one` or `.other` form of `key` for `count`, with `{count}` filled in. */
export function tCount(key: PluralKey, count: number, params?: MessageParams): string {
  const form = new Intl.PluralRules(INTL_LOCALE[locale.current]).select(count);
  const full = `${key}.${form === "one" ? "one" : "other"}`;
  const messageKey = isMessageKey(full) ? full : (`${key}.other` as MessageKey);
  return t(messageKey, { count, ...params });
}

/**
 * Translates a code Rust sends (a stage, status, state, ageing bucket, file
 * kind, ledger field, dunning action, call outcome or letter state) as
 * `prefix.code`. An unknown code is shown as it is rather than hidden.
 */
export function tCode(
  prefix:
    | "stage"
    | "status"
    | "state"
    | "ageing"
    | "kind"
    | "field"
    | "action"
    | "outcome"
    | "letter_state",
  code: string,
): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}
