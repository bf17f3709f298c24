import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { CUSTOMERS, fixtureBackend, serve, type Backend } from "../testing/fixtures";
import Customers from "./Customers.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderCustomers(backend: Backend = fixtureBackend()) {
  serve(backend);
  const book = new BookState();
  await book.start();
  mounted = render(Customers, { book });
  await settle();
  return { book, root: mounted.target };
}

function rows(root: HTMLElement): HTMLElement[] {
  return [
    ...byTestId(root, TestId.CustomerTable).querySelectorAll<HTMLElement>("tbody tr"),
  ];
}

function filter(root: HTMLElement): HTMLInputElement {
  return byTestId(root, TestId.CustomersHeldFilter) as HTMLInputElement;
}

const HOLD = CUSTOMERS[0]!.hold!;

describe("Customers", () => {
  test("a held customer carries an amber badge with Rust's reason as tooltip and spoken text", async () => {
    const { root } = await renderCustomers();
    const [held, free] = rows(root);

    const badge = byTestId(held!, TestId.CustomerHold);
    expect(badge.classList.contains("warning")).toBe(true);
    expect(badge.getAttribute("title")).toBe(HOLD);
    expect(badge.textContent).toContain("Wacht op afletteren");
    expect(badge.querySelector(".visually-hidden")?.textContent).toContain(HOLD);

    expect(free!.querySelector(`[data-testid="${TestId.CustomerHold}"]`)).toBeNull();
  });

  test("the badge follows the language", async () => {
    const { root } = await renderCustomers(fixtureBackend({ language: "en" }));
    expect(byTestId(root, TestId.CustomerHold).textContent).toContain("Held: check payments");
    expect(root.textContent).toContain("Only held");
  });

  test("the filter lists only the held customers, and all again when turned off", async () => {
    const { root } = await renderCustomers();
    expect(rows(root)).toHaveLength(2);

    const toggle = filter(root);
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(rows(root).map((row) => row.textContent)).toEqual([
      expect.stringContaining("Bakkerij de Vries"),
    ]);

    toggle.checked = false;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(rows(root)).toHaveLength(2);
  });

  test("with no one held, the filter says so instead of 'no customers yet'", async () => {
    const backend = fixtureBackend({
      customers: CUSTOMERS.map((customer) => ({ ...customer, hold: null })),
    });
    const { root } = await renderCustomers(backend);
    expect(root.querySelector(`[data-testid="${TestId.CustomerHold}"]`)).toBeNull();

    const toggle = filter(root);
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(byTestId(root, TestId.CustomerTable).textContent).toContain(
      "Geen klanten wachten op afletteren",
    );
  });
});
