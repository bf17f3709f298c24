import { describe, expect, test } from "vitest";
import { formatColumn, formatIban, formatList } from "./text";

describe("formatIban", () => {
  test("groups by four", () => {
    expect(formatIban("nl91abna0417164300")).toBe("NL91 ABNA 0417 1643 00");
  });
});

describe("formatColumn", () => {
  test.each([
    [0, "A"],
    [1, "B"],
    [25, "Z"],
    [26, "AA"],
    [27, "AB"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%i → %s", (index, expected) => {
    expect(formatColumn(index)).toBe(expected);
  });
});

describe("formatList", () => {
  test("joins as a sentence in each language", () => {
    expect(formatList(["B", "C", "D"], "nl")).toBe("B, C en D");
    expect(formatList(["B", "D"], "en")).toBe("B and D");
    expect(formatList(["B"], "en")).toBe("B");
  });
});
