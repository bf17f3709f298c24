import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { WorkDate } from "../lib/state/dunning.svelte";
import { LetterBatch } from "../lib/state/letters.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { fixtureBackend, letterBackend, LETTER_PREVIEW, serve, type Backend } from "../testing/fixtures";
import MadeLetters from "./MadeLetters.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderBatch(backend: Backend = fixtureBackend()) {
  serve(backend);
  const batch = new LetterBatch();
  const date = new WorkDate();
  date.set("2026-11-27");
  const onBack = vi.fn();
  const onOutbox = vi.fn();
  mounted = render(MadeLetters, { batch, date, onBack, onOutbox });
  await batch.make(date.asOf, false, [{ customer_code: "CAF", action: "reminder_1" }]);
  await settle();
  return { root: mounted.target, batch, backend, onBack, onOutbox };
}

function callsOf(backend: Backend, command: string) {
  return backend.calls.filter((call) => call.command === command).map((call) => call.args);
}

describe("MadeLetters", () => {
  test("makes the chosen letters and shows the first one's pages as Rust rendered them", async () => {
    const { root, backend } = await renderBatch();
    expect(callsOf(backend, "make_letters")).toEqual([
      {
        asOf: "2026-11-27",
        ignoreStaleBank: false,
        chosen: [{ customer_code: "CAF", action: "reminder_1" }],
      },
    ]);
    const letter = byTestId(root, TestId.MadeLetter);
    expect(letter.textContent).toContain("Café 't Hoekje");
    expect(letter.textContent).toContain("1e herinnering");
    expect(letter.textContent).toContain("€\u00a02.469,13");
    expect(letter.textContent).toContain("2 pag.");
    expect(callsOf(backend, "preview_letter")).toEqual([{ id: 7 }]);
    expect(root.querySelectorAll(`[data-testid="${TestId.MadePage}"]`)).toHaveLength(2);
  });

  test("without a renderer it says why and offers to open the letter", async () => {
    const backend = fixtureBackend({
      letterBackend: letterBackend({
        preview: { ...LETTER_PREVIEW, images: [], unrendered: "pdftoppm ontbreekt" },
      }),
    });
    const { root } = await renderBatch(backend);
    const unrendered = byTestId(root, TestId.MadeUnrendered);
    expect(unrendered.textContent).toContain("pdftoppm ontbreekt");
    unrendered.querySelector("button")!.click();
    await settle();
    expect(callsOf(backend, "open_letter")).toEqual([{ id: 7 }]);
  });

  test("e-mails the batch on the work date, shows progress while it runs and then what it did", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const backend = fixtureBackend({ letterBackend: letterBackend({ sendGate: gate }) });
    const { root, batch } = await renderBatch(backend);
    byTestId(root, TestId.MadeEmail).click();
    await settle();
    expect(batch.run.busy).toBe(true);
    expect(byTestId(root, TestId.SendProgress).textContent).toContain("0 van 1");
    byTestId(root, TestId.SendCancel).click();
    await settle();
    expect(callsOf(backend, "cancel_send")).toHaveLength(1);
    release();
    await settle();
    await settle();
    expect(callsOf(backend, "send_letters")).toEqual([{ ids: [7], at: "2026-11-27" }]);
    const outcome = byTestId(root, TestId.SendOutcome);
    expect(outcome.dataset["sent"]).toBe("1");
    expect(outcome.textContent).toContain("1 verstuurd");
  });

  test("a second e-mail sends nothing that went already, and says so", async () => {
    const backend = fixtureBackend({
      letterBackend: letterBackend({
        outcome: { sent: [], failed: [], skipped: [{ id: 7, why: "already sent" }], cancelled: [] },
      }),
    });
    const { root } = await renderBatch(backend);
    byTestId(root, TestId.MadeEmail).click();
    await settle();
    await settle();
    const outcome = byTestId(root, TestId.SendOutcome);
    expect(outcome.dataset["sent"]).toBe("0");
    expect(outcome.textContent).toContain("1 overgeslagen");
    expect(outcome.textContent).toContain("already sent");
  });

  test("prints the batch, straight to the printer when asked, and drafts one letter", async () => {
    const { root, backend } = await renderBatch();
    byTestId(root, TestId.MadePrintDirect).click();
    byTestId(root, TestId.MadePrint).click();
    await settle();
    expect(callsOf(backend, "print_letters")).toEqual([{ ids: [7], direct: true, at: "2026-11-27" }]);
    expect(byTestId(root, TestId.MadeWritten).textContent).toContain("printer");
    byTestId(root, TestId.MadeDraft).click();
    await settle();
    expect(callsOf(backend, "draft_letter")).toEqual([{ id: 7 }]);
    expect(byTestId(root, TestId.MadeWritten).textContent).toContain("letter.eml");
  });

  test("nothing new made: says so and points to the outbox", async () => {
    const backend = fixtureBackend({ letterBackend: letterBackend({ made: [] }) });
    const { root, onOutbox } = await renderBatch(backend);
    expect(root.textContent).toContain("Geen nieuwe brieven");
    byTestId(root, TestId.MadeOutbox).click();
    expect(onOutbox).toHaveBeenCalled();
  });
});
