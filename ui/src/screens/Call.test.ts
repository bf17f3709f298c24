import { clearMocks } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { CALL_OUTCOMES, WorkDate } from "../lib/state/dunning.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { dunningBackend, fixtureBackend, serve, type Backend } from "../testing/fixtures";
import Call from "./Call.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderCall(backend: Backend = fixtureBackend(), asOf: string | null = null) {
  serve(backend);
  const date = new WorkDate();
  date.asOf = asOf;
  mounted = render(Call, {
    customer: "JAN",
    date,
    onBack: vi.fn(),
    onOpenCustomer: vi.fn(),
  });
  await settle();
  return { root: mounted.target, backend };
}

function outcome(root: HTMLElement, code: string): HTMLButtonElement {
  const button = root.querySelector<HTMLButtonElement>(
    `[data-testid="${TestId.CallOutcome}"][data-outcome="${code}"]`,
  );
  if (button === null) throw new Error(`no outcome ${code}`);
  return button;
}

function type(input: HTMLElement, value: string): void {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

describe("Call", () => {
  test("shows the prepared sheet: contact, invoices with dates and amounts, earlier letters, the questions", async () => {
    const { root } = await renderCall();
    expect(byTestId(root, TestId.CallContact).textContent).toContain("Petra Jansen");
    expect(byTestId(root, TestId.CallContact).textContent).toContain("030 123 4567");
    const invoices = byTestId(root, TestId.CallInvoices).textContent;
    expect(invoices).toContain("2026-0140");
    expect(invoices).toContain("01-11-2026");
    expect(invoices).toContain(`€\u00a01.210,00`);
    expect(byTestId(root, TestId.CallLetters).textContent).toContain("1e herinnering");
    expect(byTestId(root, TestId.CallQuestions).textContent).toContain(
      "Bent u tevreden over de levering?",
    );
    expect(byTestId(root, TestId.CallNoteWarning).textContent).toContain("gezondheid");
    // The contact field starts with the contact person.
    expect((byTestId(root, TestId.CallContactInput) as HTMLInputElement).value).toBe("Petra Jansen");
  });

  test("offers the nine outcomes; the promise fields appear only for a promise", async () => {
    const { root } = await renderCall();
    const buttons = root.querySelectorAll(`[data-testid="${TestId.CallOutcome}"]`);
    expect([...buttons].map((button) => button.getAttribute("data-outcome"))).toEqual([
      ...CALL_OUTCOMES,
    ]);
    expect(root.querySelector(`[data-testid="${TestId.CallPromiseDate}"]`)).toBeNull();
    outcome(root, "promise").click();
    flushSync();
    expect(root.querySelector(`[data-testid="${TestId.CallPromiseDate}"]`)).not.toBeNull();
    // A promise cannot be saved without its date.
    expect((byTestId(root, TestId.CallSave) as HTMLButtonElement).disabled).toBe(true);
    outcome(root, "no_answer").click();
    flushSync();
    expect(root.querySelector(`[data-testid="${TestId.CallPromiseDate}"]`)).toBeNull();
    expect((byTestId(root, TestId.CallSave) as HTMLButtonElement).disabled).toBe(false);
  });

  test("saves a promise on the work date and shows the next step Rust gives", async () => {
    const { root, backend } = await renderCall(fixtureBackend(), "2026-11-27");
    outcome(root, "promise").click();
    flushSync();
    type(byTestId(root, TestId.CallPromiseDate), "2026-12-04");
    type(byTestId(root, TestId.CallAmount), "1210,00");
    type(byTestId(root, TestId.CallNote), "betaalt na de kerstdrukte");
    byTestId(root, TestId.CallSave).click();
    await settle();

    const logged = backend.calls.find((call) => call.command === "log_call");
    expect(logged?.args).toEqual({
      form: {
        customer: "JAN",
        outcome: "promise",
        promise_date: "2026-12-04",
        amount: "1210.00",
        contact: "Petra Jansen",
        note: "betaalt na de kerstdrukte",
        at: "2026-11-27",
      },
    });
    const next = byTestId(root, TestId.CallNext);
    expect(next.textContent).toContain("betalingsbelofte tot 4 december 2026");
    expect(next.textContent).toContain("Geen stap gepland");
    // The form starts afresh, so the call cannot be logged twice.
    expect((byTestId(root, TestId.CallSave) as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId(root, TestId.CallNote) as HTMLTextAreaElement).value).toBe("");
    // The sheet is read again and shows the call.
    expect(byTestId(root, TestId.CallHistory).textContent).toContain("Belooft te betalen");
  });

  test("a refused save shows Rust's message and keeps what was typed", async () => {
    const backend = fixtureBackend({
      dunning: dunningBackend({
        callError: { kind: "input", message: "een betalingsbelofte heeft de beloofde datum nodig" },
      }),
    });
    const { root } = await renderCall(backend);
    outcome(root, "refused").click();
    flushSync();
    type(byTestId(root, TestId.CallNote), "boos");
    byTestId(root, TestId.CallSave).click();
    await settle();
    expect(byTestId(root, TestId.CallError).textContent).toContain("beloofde datum");
    expect((byTestId(root, TestId.CallNote) as HTMLTextAreaElement).value).toBe("boos");
  });

  test("the plan editor previews the instalments from Rust before agreeing", async () => {
    const { root, backend } = await renderCall(fixtureBackend(), "2026-11-27");
    outcome(root, "plan_requested").click();
    flushSync();
    byTestId(root, TestId.CallOpenPlan).click();
    flushSync();
    expect(root.querySelector(`[data-testid="${TestId.PlanAgree}"]`)).toBeNull();
    type(byTestId(root, TestId.PlanFirst), "2026-12-01");
    byTestId(root, TestId.PlanPreview).click();
    await settle();

    const preview = byTestId(root, TestId.PlanPreviewTable);
    expect(preview.querySelectorAll("tbody tr")).toHaveLength(3);
    expect(preview.textContent).toContain(`€\u00a0403,34`);
    expect(byTestId(root, TestId.PlanTotal).textContent).toContain(`€\u00a01.210,00`);
    expect(backend.calls.find((call) => call.command === "preview_plan")?.args).toEqual({
      form: {
        customer: "JAN",
        instalments: 3,
        first: "2026-12-01",
        every: "month",
        invoices: [],
        at: "2026-11-27",
      },
    });

    // A changed form needs a fresh preview before it can be agreed.
    type(byTestId(root, TestId.PlanInstalments), "4");
    expect((byTestId(root, TestId.PlanAgree) as HTMLButtonElement).disabled).toBe(true);
    type(byTestId(root, TestId.PlanInstalments), "3");
    expect((byTestId(root, TestId.PlanAgree) as HTMLButtonElement).disabled).toBe(false);

    byTestId(root, TestId.PlanAgree).click();
    await settle();
    expect(byTestId(root, TestId.PlanAgreed).textContent).toContain("Regeling vastgelegd");
    expect(backend.calls.some((call) => call.command === "agree_plan")).toBe(true);
  });
});
