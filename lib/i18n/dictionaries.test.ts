import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { ru } from "@/lib/i18n/messages/ru";
import { createTranslator } from "@/lib/i18n/translate";

type Entry = string | Record<string, string>;

function placeholders(entry: Entry): string[] {
  const texts = typeof entry === "string" ? [entry] : Object.values(entry);
  const names = texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""));
  return [...new Set(names)].sort();
}

describe("dictionaries", () => {
  const dictionaries: Record<string, Record<string, Entry>> = { en, ru };

  it("have identical key sets", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(dictionaries))("%s has no empty messages", (locale) => {
    const empty = Object.entries(dictionaries[locale] ?? {}).filter(([, entry]) =>
      (typeof entry === "string" ? [entry] : Object.values(entry)).some((t) => !t.trim()),
    );
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const mismatched = Object.keys(en).filter((key) => {
      const enEntry = (en as Record<string, Entry>)[key];
      const ruEntry = (ru as Record<string, Entry>)[key];
      if (!enEntry || !ruEntry) return true;
      return placeholders(enEntry).join() !== placeholders(ruEntry).join();
    });
    expect(mismatched).toEqual([]);
  });
});

describe("createTranslator", () => {
  it("interpolates parameters", () => {
    expect(createTranslator("en")("signin.sso", { provider: "Okta" })).toBe("Sign in with Okta");
  });

  it("picks the Russian plural form with Intl.PluralRules", () => {
    const t = createTranslator("ru");
    expect(t("users.count", { count: 1 })).toBe("1 пользователь");
    expect(t("users.count", { count: 3 })).toBe("3 пользователя");
    expect(t("users.count", { count: 5 })).toBe("5 пользователей");
    expect(t("users.count", { count: 21 })).toBe("21 пользователь");
    expect(t("users.count", { count: 12 })).toBe("12 пользователей");
  });

  it("picks the English plural form", () => {
    const t = createTranslator("en");
    expect(t("signin.error.rate_limited", { count: 1 })).toBe(
      "Too many attempts. Try again in 1 second.",
    );
    expect(t("signin.error.rate_limited", { count: 30 })).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
  });
});
