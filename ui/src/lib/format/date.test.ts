import { describe, expect, test } from "vitest";
import { formatDate, formatDateTime } from "./date";

describe("formatDate", () => {
  test.each([
    ["2026-11-27", "27-11-2026"],
    ["2026-01-05", "05-01-2026"],
    ["2024-02-29", "29-02-2024"],
    ["2026-12-31", "31-12-2026"],
  ])("nl %s → %s", (date, expected) => {
    expect(formatDate(date, "nl")).toBe(expected);
  });

  test.each([
    ["2026-11-27", "27 Nov 2026"],
    ["2026-01-05", "5 Jan 2026"],
    ["2024-02-29", "29 Feb 2024"],
    ["2026-12-31", "31 Dec 2026"],
  ])("en %s → %s", (date, expected) => {
    expect(formatDate(date, "en")).toBe(expected);
  });

  test("shows what is not a date unchanged", () => {
    expect(formatDate("27-11-2026", "nl")).toBe("27-11-2026");
    expect(formatDate("2026-02-30", "en")).toBe("2026-02-30");
    expect(formatDate("", "en")).toBe("");
  });
});

describe("formatDateTime", () => {
  test("a bare day is formatted as a day", () => {
    expect(formatDateTime("2026-11-27", "nl")).toBe("27-11-2026");
  });

  test("a timestamp gets the date and a time", () => {
    const text = formatDateTime("2026-11-27T09:30:00Z", "en");
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/\d{2}:\d{2}/);
  });

  test("anything else is returned unchanged", () => {
    expect(formatDateTime("yesterday", "en")).toBe("yesterday");
  });
});
