/**
 * Dates for display. Dates arrive as `YYYY-MM-DD` and mean a calendar day,
 * not an instant, so they are formatted in UTC: the day never shifts with
 * the computer's time zone. nl `27-11-2026`, en `27 Nov 2026`.
 */

import type { Language } from "../api/types";
import { INTL_LOCALE } from "./locale";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAY_OPTIONS: Record<Language, Intl.DateTimeFormatOptions> = {
  nl: { day: "2-digit", month: "2-digit", year: "numeric" },
  en: { day: "numeric", month: "short", year: "numeric" },
};

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

function dateFormat(language: Language): Intl.DateTimeFormat {
  let format = dateFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[language], {
      ...DAY_OPTIONS[language],
      timeZone: "UTC",
    });
    dateFormats.set(language, format);
  }
  return format;
}

function dateTimeFormat(language: Language): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[language], {
      ...DAY_OPTIONS[language],
      hour: "2-digit",
      minute: "2-digit",
    });
    dateTimeFormats.set(language, format);
  }
  return format;
}

/**
 * Formats a `YYYY-MM-DD` day. Anything else is returned unchanged, so odd
 * data stays visible.
 */
export function formatDate(isoDate: string, language: Language): string {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) return isoDate;
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return isoDate;
  const instant = new Date(Date.UTC(year, month - 1, day));
  if (instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== day) return isoDate;
  return dateFormat(language).format(instant);
}

/**
 * Formats an audit timestamp (RFC 3339, e.g. `2026-11-27T09:30:00Z`) in the
 * computer's time zone, with the time. A bare `YYYY-MM-DD` is formatted as a
 * day; anything else is returned unchanged.
 */
export function formatDateTime(timestamp: string, language: Language): string {
  if (ISO_DATE.test(timestamp)) return formatDate(timestamp, language);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(timestamp)) return timestamp;
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) return timestamp;
  return dateTimeFormat(language).format(instant);
}
