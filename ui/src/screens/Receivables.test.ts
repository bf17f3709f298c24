import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { WorkDate } from "../lib/state/dunning.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { render, settle, type Mounted } from "../testing/dom";
import { fixtureBackend, serve } from "../testing/fixtures";
import Receivables from "./Receivables.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

function toggle(root: HTMLElement, invoice: string): HTMLInputElement {
  const element = root.querySelector<HTMLInputElement>(
    `[data-testid="${TestId.InvoiceDispute}"][data-invoice="${invoice}"]`,
  );
  if (element === null) throw new Error(`no dispute toggle for ${invoice}`);
  return element;
}

describe("Receivables", () => {
  test("a dispute toggle sets the dispute in Rust on the work date and shows what Rust then holds", async () => {
    const backend = fixtureBackend();
    serve(backend);
    const book = new BookState();
    await book.start();
    const date = new WorkDate();
    date.asOf = "2026-11-27";
    mounted = render(Receivables, { book, date });
    await settle();
    const root = mounted.target;

    expect(toggle(root, "2026-0140").checked).toBe(false);
    toggle(root, "2026-0140").click();
    await settle();
    expect(backend.calls.find((call) => call.command === "set_dispute")?.args).toEqual({
      invoice: "2026-0140",
      disputed: true,
      note: null,
      at: "2026-11-27",
    });
    expect(toggle(root, "2026-0140").checked).toBe(true);
    expect(toggle(root, "2026-0101").checked).toBe(false);
  });
});
