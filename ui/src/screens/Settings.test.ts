import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BookState } from "../lib/state/book.svelte";
import { locale } from "../lib/state/locale.svelte";
import { TestId } from "../lib/testid";
import { byTestId, render, settle, type Mounted } from "../testing/dom";
import { fixtureBackend, serve, type Backend } from "../testing/fixtures";
import Settings from "./Settings.svelte";

let mounted: Mounted | null = null;

beforeEach(() => locale.apply("nl"));

afterEach(() => {
  mounted?.destroy();
  mounted = null;
  clearMocks();
});

async function renderSettings(backend: Backend = fixtureBackend()) {
  serve(backend);
  mounted = render(Settings, { book: new BookState() });
  await settle();
  return { root: mounted.target, backend };
}

function type(root: HTMLElement, testid: string, value: string): void {
  const input = byTestId(root, testid) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function callsOf(backend: Backend, command: string) {
  return backend.calls.filter((call) => call.command === command).map((call) => call.args);
}

describe("Settings", () => {
  test("shows the business details Rust holds and saves what was typed", async () => {
    const { root, backend } = await renderSettings();
    expect((byTestId(root, TestId.BusinessName) as HTMLInputElement).value).toBe("Studio Tegoed");
    type(root, TestId.BusinessEmail, "info@studio.example");
    byTestId(root, TestId.BusinessSave).click();
    await settle();
    const saved = callsOf(backend, "save_business_settings")[0] as {
      settings: { email: string; name: string };
    };
    expect(saved.settings.email).toBe("info@studio.example");
    expect(saved.settings.name).toBe("Studio Tegoed");
    expect(byTestId(root, TestId.BusinessSaved).textContent).toBe("Opgeslagen");
  });

  test("a logo is chosen and read in Rust, then shown", async () => {
    const { root, backend } = await renderSettings();
    expect(root.querySelector("img.logo")).toBeNull();
    byTestId(root, TestId.BusinessChooseLogo).click();
    await settle();
    expect(callsOf(backend, "choose_logo")).toHaveLength(1);
    expect(root.querySelector("img.logo")).not.toBeNull();
  });

  test("saves the SMTP URL and password; without a keychain it says the password holds for this session", async () => {
    const { root, backend } = await renderSettings();
    expect(byTestId(root, TestId.SmtpStatus).textContent).toContain("Nog geen mailserver");
    type(root, TestId.SmtpUrl, "smtps://info%40studio.example@smtp.example:465");
    type(root, TestId.SmtpPassword, "geheim");
    byTestId(root, TestId.SmtpSave).click();
    await settle();
    expect(callsOf(backend, "save_smtp_settings")).toEqual([
      { url: "smtps://info%40studio.example@smtp.example:465", password: "geheim" },
    ]);
    expect(byTestId(root, TestId.SmtpKeychainProblem).textContent).toContain("geen sleutelhanger");
    expect((byTestId(root, TestId.SmtpPassword) as HTMLInputElement).value).toBe("");
  });

  test("sends a test mail to the address typed", async () => {
    const { root, backend } = await renderSettings();
    type(root, TestId.SmtpTestTo, "ik@studio.example");
    await settle();
    byTestId(root, TestId.SmtpTest).click();
    await settle();
    expect(callsOf(backend, "send_test_mail")).toEqual([{ to: "ik@studio.example" }]);
    expect(byTestId(root, TestId.SmtpTestSent)).toBeTruthy();
  });
});
