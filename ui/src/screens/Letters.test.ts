import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { WorkDate } from "../lib/state/dunning.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { fixtureBackend, letterBackend, serve, type Backend } from "../testing/fixtures";
import Letters from "./Letters.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderOutbox(backend: Backend = fixtureBackend()) {
  serve(backend);
  const date = new WorkDate();
  mounted = render(Letters, { date });
  await settle();
  return { root: mounted.target, backend };
}

function callsOf(backend: Backend, command: string) {
  return backend.calls.filter((call) => call.command === command).map((call) => call.args);
}

function stateOf(root: HTMLElement, id: number): string | undefined {
  return root.querySelector<HTMLElement>(`[data-testid="${TestId.OutboxLetter}"][data-id="${id}"]`)
    ?.dataset["state"];
}

describe("Outbox", () => {
  test("lists every letter with its state, the server's words for a failed one", async () => {
    const { root } = await renderOutbox();
    const states = [...root.querySelectorAll(`[data-testid="${TestId.OutboxState}"]`)].map(
      (badge) => badge.textContent,
    );
    expect(states).toEqual(["Gemaakt", "Mislukt", "Onbekend"]);
    expect(byTestId(root, TestId.OutboxErrorText).textContent).toContain("550 5.1.1 mailbox unavailable");
    expect(root.textContent).toContain("kijk bij uw verzonden mail");
  });

  test("retries only the failed letters, then shows the outbox as Rust holds it", async () => {
    const backend = fixtureBackend({
      letterBackend: letterBackend({ outcome: { sent: [8], failed: [], skipped: [], cancelled: [] } }),
    });
    const { root } = await renderOutbox(backend);
    // An unknown letter has no retry: it is never sent again by itself.
    expect(root.querySelectorAll(`[data-testid="${TestId.OutboxRetry}"]`)).toHaveLength(1);
    byTestId(root, TestId.OutboxRetryFailed).click();
    await settle();
    await settle();
    expect(callsOf(backend, "send_letters")).toEqual([{ ids: [8], at: null }]);
    expect(stateOf(root, 8)).toBe("sent");
    expect(stateOf(root, 9)).toBe("unknown");
  });

  test("mails the waiting letters and opens any letter", async () => {
    const { root, backend } = await renderOutbox();
    byTestId(root, TestId.OutboxSendWaiting).click();
    await settle();
    await settle();
    expect(callsOf(backend, "send_letters")).toEqual([{ ids: [7], at: null }]);
    byTestId(root, TestId.OutboxOpen).click();
    await settle();
    expect(callsOf(backend, "open_letter")).toHaveLength(1);
  });

  test("an empty outbox says so", async () => {
    const { root } = await renderOutbox(
      fixtureBackend({ letterBackend: letterBackend({ outbox: [] }) }),
    );
    expect(root.textContent).toContain("Nog geen brieven");
  });
});
