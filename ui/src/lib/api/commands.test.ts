import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, test } from "vitest";
import * as commands from "./commands";

afterEach(() => clearMocks());

describe("command wrappers", () => {
  test("call the Rust commands by name with camelCase arguments", async () => {
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      return command === "language" ? "en" : null;
    });

    await commands.receivables(null);
    await commands.customers("2026-11-27");
    await commands.setLanguage("en");
    expect(await commands.language()).toBe("en");
    await commands.bookStatus();
    await commands.createDemoBook();
    await commands.openOtherBook();
    await commands.accounts();
    await commands.transactions();
    await commands.letters();

    expect(calls).toEqual([
      { command: "receivables", args: { asOf: null } },
      { command: "customers", args: { asOf: "2026-11-27" } },
      { command: "set_language", args: { language: "en" } },
      { command: "language", args: {} },
      { command: "book_status", args: {} },
      { command: "create_demo_book", args: {} },
      { command: "open_other_book", args: {} },
      { command: "accounts", args: {} },
      { command: "transactions", args: {} },
      { command: "letters", args: {} },
    ]);
  });

  test("pass a CommandError through", async () => {
    mockIPC(() => {
      throw { kind: "book", message: "the book is locked by another program" };
    });
    await expect(commands.bookStatus()).rejects.toEqual({
      kind: "book",
      message: "the book is locked by another program",
    });
  });

  test("turn any other failure into an internal CommandError", async () => {
    mockIPC(() => {
      throw "command book_status not found";
    });
    await expect(commands.bookStatus()).rejects.toEqual({
      kind: "internal",
      message: "command book_status not found",
    });
  });
});

describe("isCommandError", () => {
  test("accepts the three kinds with a message", () => {
    for (const kind of ["input", "book", "internal"]) {
      expect(commands.isCommandError({ kind, message: "m" })).toBe(true);
    }
  });

  test("rejects anything else", () => {
    expect(commands.isCommandError({ kind: "other", message: "m" })).toBe(false);
    expect(commands.isCommandError({ kind: "book" })).toBe(false);
    expect(commands.isCommandError("book")).toBe(false);
    expect(commands.isCommandError(null)).toBe(false);
    expect(commands.isCommandError(new Error("x"))).toBe(false);
  });
});
