import { afterEach, describe, expect, test } from "vitest";
import { locale } from "../state/locale.svelte";
import en from "./en.json";
import { t, tCode, tCount, translate } from "./index";
import nl from "./nl.json";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  test("nl and en have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  test("no message is empty", () => {
    for (const catalogue of [nl, en]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe("");
      }
    }
  });

  test("a message has the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(nl)) {
      expect(placeholders((en as Record<string, string>)[key] ?? ""), key).toEqual(
        placeholders(text),
      );
    }
  });

  test("the navigation names are the agreed ones", () => {
    const keys = ["overview", "import", "reconcile", "receivables", "customers", "letters", "settings"];
    expect(keys.map((key) => translate("nl", `nav.${key}` as keyof typeof nl))).toEqual([
      "Overzicht",
      "Importeren",
      "Afletteren",
      "Debiteuren",
      "Klanten",
      "Uitgaande post",
      "Instellingen",
    ]);
    expect(keys.map((key) => translate("en", `nav.${key}` as keyof typeof nl))).toEqual([
      "Overview",
      "Import",
      "Reconcile",
      "Receivables",
      "Customers",
      "Outbox",
      "Settings",
    ]);
  });
});

describe("t", () => {
  afterEach(() => locale.apply("nl"));

  test("follows the current language and fills placeholders", () => {
    locale.apply("nl");
    expect(t("overview.subtitle", { date: "27-11-2026" })).toBe("Stand per 27-11-2026");
    locale.apply("en");
    expect(t("overview.subtitle", { date: "27 Nov 2026" })).toBe("Position on 27 Nov 2026");
  });

  test("leaves an unknown placeholder visible", () => {
    expect(t("overview.subtitle")).toBe("Stand per {date}");
  });

  test("tCount picks the singular or plural form", () => {
    expect(tCount("count.invoices", 1)).toBe("1 factuur");
    expect(tCount("count.invoices", 0)).toBe("0 facturen");
    locale.apply("en");
    expect(tCount("count.invoices", 3)).toBe("3 invoices");
  });

  test("tCode translates known codes and shows unknown ones as they are", () => {
    expect(tCode("stage", "reminder_1")).toBe("1e herinnering");
    expect(tCode("status", "partially_paid")).toBe("Deels betaald");
    expect(tCode("stage", "something_new")).toBe("something_new");
  });
});
