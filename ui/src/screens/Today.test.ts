import { clearMocks } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { WorkDate } from "../lib/state/dunning.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import {
  BLOCKED_TODAY,
  TODAY,
  dunningBackend,
  fixtureBackend,
  serve,
  type Backend,
} from "../testing/fixtures";
import Today from "./Today.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderToday(backend: Backend = fixtureBackend()) {
  serve(backend);
  const date = new WorkDate();
  const onCall = vi.fn();
  const onOpenCustomer = vi.fn();
  const onMakeLetters = vi.fn();
  mounted = render(Today, { date, onCall, onOpenCustomer, onMakeLetters });
  await settle();
  return { root: mounted.target, date, onCall, onOpenCustomer, onMakeLetters, backend };
}

function todayCalls(backend: Backend) {
  return backend.calls.filter((call) => call.command === "today").map((call) => call.args);
}

describe("Today", () => {
  test("lists each action by customer with Rust's reason, and the held customers with why", async () => {
    const { root } = await renderToday();
    const actions = [...root.querySelectorAll(`[data-testid="${TestId.TodayAction}"]`)];
    expect(actions.map((row) => row.getAttribute("data-customer"))).toEqual(["JAN", "CAF"]);
    expect(actions[0]!.textContent).toContain("Jansen Installatie");
    expect(actions[0]!.textContent).toContain("Bellen");
    expect(actions[0]!.textContent).toContain(TODAY.actions[0]!.reason);
    expect(actions[0]!.textContent).toContain(`€\u00a01.210,00`);
    expect(actions[1]!.textContent).toContain("1e herinnering");

    const held = byTestId(root, TestId.TodayHeldRow);
    expect(held.textContent).toContain("Bakkerij de Vries");
    expect(held.textContent).toContain(TODAY.held[0]!.why);
  });

  test("a call action opens the call screen, a name the customer", async () => {
    const { root, onCall, onOpenCustomer } = await renderToday();
    byTestId(root, TestId.TodayCall).click();
    expect(onCall).toHaveBeenCalledWith("JAN");
    byTestId(root, TestId.TodayOpenCustomer).click();
    expect(onOpenCustomer).toHaveBeenCalledWith("JAN");
    // Only call actions get a call button.
    expect(root.querySelectorAll(`[data-testid="${TestId.TodayCall}"]`)).toHaveLength(1);
  });

  test("only letter actions can be ticked; Make letters hands the ticked ones over", async () => {
    const { root, onMakeLetters } = await renderToday();
    const make = byTestId(root, TestId.TodayMakeLetters) as HTMLButtonElement;
    expect(make.disabled).toBe(true);
    const boxes = [...root.querySelectorAll<HTMLInputElement>(`[data-testid="${TestId.TodayChoose}"]`)];
    // The call action (JAN) has no checkbox; the reminder (CAF) has.
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.closest("li")!.getAttribute("data-customer")).toBe("CAF");
    boxes[0]!.click();
    flushSync();
    expect(make.disabled).toBe(false);
    expect(make.textContent).toContain("(1)");
    make.click();
    expect(onMakeLetters).toHaveBeenCalledWith(
      [{ customer_code: "CAF", action: "reminder_1" }],
      false,
    );
    byTestId(root, TestId.TodayChooseAll).click();
    flushSync();
    expect(make.textContent).toContain("(0)");
  });

  test("the as-of date moves the day asked about, and back to today", async () => {
    const { root, date, backend } = await renderToday();
    const input = byTestId(root, TestId.TodayAsOf) as HTMLInputElement;
    input.value = "2026-12-07";
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(date.asOf).toBe("2026-12-07");
    expect(todayCalls(backend).at(-1)).toEqual({ asOf: "2026-12-07", ignoreStaleBank: false });

    byTestId(root, TestId.TodayAsOfReset).click();
    await settle();
    expect(date.asOf).toBeNull();
    expect(todayCalls(backend).at(-1)).toEqual({ asOf: null, ignoreStaleBank: false });
  });

  test("stale bank data blocks the list until the person explicitly continues", async () => {
    const backend = fixtureBackend({
      dunning: dunningBackend({ today: BLOCKED_TODAY, todayIgnoringBank: TODAY }),
    });
    const { root } = await renderToday(backend);
    const banner = byTestId(root, TestId.TodayBlocked);
    expect(banner.textContent).toContain("Eerst de bank bijwerken");
    expect(banner.textContent).toContain(BLOCKED_TODAY.blocked!);
    expect(root.querySelector(`[data-testid="${TestId.TodayAction}"]`)).toBeNull();

    byTestId(root, TestId.TodayContinueAnyway).click();
    await settle();
    expect(todayCalls(backend).at(-1)).toEqual({ asOf: null, ignoreStaleBank: true });
    expect(root.querySelector(`[data-testid="${TestId.TodayBlocked}"]`)).toBeNull();
    expect(byTestId(root, TestId.TodayIgnored).textContent).toContain("niet actueel");
    expect(root.querySelectorAll(`[data-testid="${TestId.TodayAction}"]`)).toHaveLength(2);
  });

  test("speaks English in an English interface", async () => {
    locale.apply("en");
    const { root } = await renderToday();
    flushSync();
    expect(root.textContent).toContain("To do");
    expect(root.textContent).toContain("First reminder");
    expect(root.textContent).toContain("€1,210.00");
  });
});
