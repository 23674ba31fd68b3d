import { describe, expect, it } from "vitest";
import { pickFromAcceptLanguage, resolveLocale } from "@/lib/i18n/resolve-locale";

describe("resolveLocale", () => {
  it("prefers the signed-in user's saved locale over everything else", () => {
    expect(resolveLocale({ userLocale: "en", cookie: "ru", acceptLanguage: "ru-RU" })).toBe("en");
  });

  it("falls back to the cookie when the user has no saved locale", () => {
    expect(resolveLocale({ userLocale: null, cookie: "en", acceptLanguage: "ru" })).toBe("en");
  });

  it("ignores unsupported cookie values", () => {
    expect(resolveLocale({ cookie: "de", acceptLanguage: "en-US,en;q=0.9" })).toBe("en");
  });

  it("uses Accept-Language when there is no user locale or cookie", () => {
    expect(resolveLocale({ acceptLanguage: "en-GB,en;q=0.8" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8" })).toBe("ru");
  });

  it("defaults to Russian when nothing matches", () => {
    expect(resolveLocale({})).toBe("ru");
    expect(resolveLocale({ userLocale: "fr", cookie: "", acceptLanguage: "de-DE,fr" })).toBe("ru");
  });
});

describe("pickFromAcceptLanguage", () => {
  it("respects quality values rather than order", () => {
    expect(pickFromAcceptLanguage("ru;q=0.5,en;q=0.9")).toBe("en");
  });

  it("skips unsupported languages and q=0", () => {
    expect(pickFromAcceptLanguage("de,en;q=0,ru;q=0.3")).toBe("ru");
  });

  it("keeps header order for equal qualities and ignores case", () => {
    expect(pickFromAcceptLanguage("EN-us, ru")).toBe("en");
  });

  it("returns null for empty or wildcard-only headers", () => {
    expect(pickFromAcceptLanguage("")).toBeNull();
    expect(pickFromAcceptLanguage("*")).toBeNull();
    expect(pickFromAcceptLanguage(null)).toBeNull();
  });
});
