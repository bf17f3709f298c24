import { clearMocks } from "@tauri-apps/api/mocks";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { WorkDate } from "../lib/state/dunning.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { fixtureBackend, serve, type Backend } from "../testing/fixtures";
import CustomerDetail from "./CustomerDetail.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderDetail(backend: Backend = fixtureBackend()) {
  serve(backend);
  const date = new WorkDate();
  date.asOf = "2026-11-27";
  const onChanged = vi.fn();
  const onCall = vi.fn();
  mounted = render(CustomerDetail, { code: "JAN", date, onBack: vi.fn(), onCall, onChanged });
  await settle();
  return { root: mounted.target, backend, onChanged, onCall };
}

function updates(backend: Backend) {
  return backend.calls.filter((call) => call.command === "update_customer").map((call) => call.args);
}

const UNCHANGED = {
  consumer: null,
  own_terms: null,
  no_calls: null,
  stop_dunning: null,
  fatal_term_agreed: null,
  language: null,
  email: null,
  phone: null,
  contact_person: null,
  address: null,
  payment_term_days: null,
};

describe("CustomerDetail", () => {
  test("shows what the customer paid beyond their invoices, in Dutch money", async () => {
    const { root } = await renderDetail();
    const credit = byTestId(root, TestId.DetailCredit);
    expect(credit.dataset["total"]).toBe("60.50");
    const text = credit.textContent?.replace(/\s+/g, " ") ?? "";
    expect(text).toContain("€ 60,50 meer betaald dan de facturen");
    expect(text).toContain("03-11-2026: € 665,50 ontvangen, € 60,50 daarvan over");
  });

  test("shows no credit panel when nothing was paid beyond the invoices", async () => {
    const backend = fixtureBackend();
    backend.dunning.detail = { ...backend.dunning.detail, credit: { total: "0.00", payments: [] } };
    const { root } = await renderDetail(backend);
    expect(root.querySelector(`[data-testid="${TestId.DetailCredit}"]`)).toBeNull();
  });

  test("shows contact data, flags, open invoices, next step and timeline", async () => {
    const { root } = await renderDetail();
    expect((byTestId(root, TestId.DetailEmail) as HTMLInputElement).value).toBe(
      "administratie@jansen.example",
    );
    expect((byTestId(root, TestId.DetailContactPerson) as HTMLInputElement).value).toBe(
      "Petra Jansen",
    );
    expect(root.querySelectorAll(`[data-testid="${TestId.DetailFlag}"]`)).toHaveLength(5);
    expect(byTestId(root, TestId.DetailInvoices).textContent).toContain("2026-0140");
    expect(byTestId(root, TestId.DetailNext).getAttribute("data-action")).toBe("call");
    expect(byTestId(root, TestId.DetailTimeline).textContent).toContain("1e herinnering gemaakt");
  });

  test("saves edited contact data on the work date", async () => {
    const { root, backend, onChanged } = await renderDetail();
    const email = byTestId(root, TestId.DetailEmail) as HTMLInputElement;
    email.value = "petra@jansen.example";
    email.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    byTestId(root, TestId.DetailSave).click();
    await settle();
    expect(updates(backend).at(-1)).toEqual({
      code: "JAN",
      changes: {
        ...UNCHANGED,
        email: "petra@jansen.example",
        phone: "030 123 4567",
        contact_person: "Petra Jansen",
        address: "Kerkstraat 1\n3511 AB Utrecht",
      },
      at: "2026-11-27",
    });
    expect(byTestId(root, TestId.DetailSaved).textContent).toContain("Opgeslagen");
    expect(onChanged).toHaveBeenCalled();
  });

  test("a flag is saved at once, alone", async () => {
    const { root, backend } = await renderDetail();
    const noCalls = root.querySelector<HTMLInputElement>(
      `[data-testid="${TestId.DetailFlag}"][data-flag="no_calls"]`,
    )!;
    noCalls.checked = true;
    noCalls.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(updates(backend).at(-1)).toEqual({
      code: "JAN",
      changes: { ...UNCHANGED, no_calls: true },
      at: "2026-11-27",
    });
    expect(
      root.querySelector<HTMLInputElement>(
        `[data-testid="${TestId.DetailFlag}"][data-flag="no_calls"]`,
      )!.checked,
    ).toBe(true);
  });

  test("a dispute toggle sets the dispute in Rust and shows it", async () => {
    const { root, backend } = await renderDetail();
    const toggle = byTestId(root, TestId.InvoiceDispute) as HTMLInputElement;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(backend.calls.find((call) => call.command === "set_dispute")?.args).toEqual({
      invoice: "2026-0140",
      disputed: true,
      note: null,
      at: "2026-11-27",
    });
    expect((byTestId(root, TestId.InvoiceDispute) as HTMLInputElement).checked).toBe(true);
  });
});
