import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePbxPhone } from "@/server/mtt/wire-schemas";
import { formatPhone, normalizePhone, phoneCountry, phoneSearchDigits, toE164 } from "@/lib/phone";

describe("normalizePhone", () => {
  it.each([
    ["8 (916) 123-45-67", "+79161234567"],
    ["8(916)1234567", "+79161234567"],
    ["89161234567", "+79161234567"],
    ["+7 916 123 45 67", "+79161234567"],
    ["+7 (916) 123-45-67", "+79161234567"],
    ["+79161234567", "+79161234567"],
    ["79161234567", "+79161234567"],
    ["9161234567", "+79161234567"],
    ["916 123 45 67", "+79161234567"],
    ["916.123.45.67", "+79161234567"],
    ["  8-916-123-45-67  ", "+79161234567"],
    ["8\u00a0916\u00a0123\u00a045\u00a067", "+79161234567"],
    ["(495) 123-45-67", "+74951234567"],
    ["8 800 555-35-35", "+78005553535"],
    ["+7 727 123 45 67", "+77271234567"],
    ["+49 30 1234567", "+49301234567"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+1 (212) 555-0123", "+12125550123"],
    ["00 49 30 1234567", "+49301234567"],
    ["810 49 30 1234567", "+49301234567"],
    ["375291234567", "+375291234567"],
    // Russia: mobile, city (3- and 4-digit area codes), toll-free.
    ["8 (999) 000-33-44", "+79990003344"],
    ["8 (812) 123-45-67", "+78121234567"],
    ["8 (3435) 62-12-34", "+73435621234"],
    ["8-800-100-20-30", "+78001002030"],
    // Kazakhstan shares +7 with Russia: its codes start with 7.
    ["8 727 123 45 67", "+77271234567"],
    ["8 (701) 123-45-67", "+77011234567"],
    ["+7 777 123 4567", "+77771234567"],
    ["7011234567", "+77011234567"],
    // Abroad, with a "+", "00" or Russia's "810".
    ["+380 44 123 4567", "+380441234567"],
    ["+998 90 123-45-67", "+998901234567"],
    ["+86 138 1234 5678", "+8613812345678"],
    ["00 375 29 123-45-67", "+375291234567"],
    ["8 10 998 90 123 45 67", "+998901234567"],
    ["+1 212 555 0123", "+12125550123"],
  ])("%s → %s", (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["---", "empty"],
    ["abc", "letters"],
    ["8 916 ABC 45 67", "letters"],
    ["тел. 89161234567", "letters"],
    ["916 123 45", "too_short"],
    ["12345", "too_short"],
    ["+49 301", "too_short"],
    ["8 916 123 45 678", "too_long"],
    ["+7 916 123 45 678", "too_long"],
    ["+7 916 123 45 6", "too_short"],
    ["1234567890123456", "too_long"],
    ["+1 234 567 890 123 456", "too_long"],
    ["89161234567+", "invalid"],
    ["++79161234567", "invalid"],
    ["8 916 123#45 67", "invalid"],
    ["8 (116) 123-45-67", "invalid"],
    ["+7 016 123 45 67", "invalid"],
    ["49301234567", "invalid"],
    ["+0 123 456 789", "invalid"],
    // +7 6xx is neither Russia nor Kazakhstan.
    ["+7 616 123 45 67", "invalid"],
    ["8 616 123 45 67", "invalid"],
    ["+999 123 456 789", "invalid"],
    ["+996 123", "too_short"],
    ["+380 44 123 4", "too_short"],
    ["+1 212 555 01234", "too_long"],
    ["+998 90 123 45 678", "too_long"],
    // Between the lengths a country uses (UK: 7, 9 or 10 digits): which way it is off is a guess.
    ["+44 20 7946 09", "invalid"],
    ["+375 29 123 45 6", "invalid"],
    ["00", "empty"],
    ["+", "empty"],
    ["8 916 123 45 67 доб. 12", "letters"],
    ["8 916 123 45 67, 8 916 123 45 68", "invalid"],
  ])("rejects %j as %s", (input, reason) => {
    expect(normalizePhone(input)).toEqual({ ok: false, reason });
  });

  it("agrees with the PBX normaliser on every number the PBX can send", () => {
    const pbxForms = [
      "79161234567",
      "89161234567",
      "+79161234567",
      "9161234567",
      "74951234567",
      "+49301234567",
      "375291234567",
      "8104930123456",
      "0049301234567",
      "87271234567",
      "+77011234567",
      "+380441234567",
    ];
    for (const raw of pbxForms) expect(toE164(raw)).toBe(normalizePbxPhone(raw));
  });

  it("matches any number it accepts in every way the PBX may write it", () => {
    // Whatever people type, the number they mean must match the PBX's writing of it.
    const typed = fc
      .tuple(
        fc.constantFrom("", "+", "8", "7", "00", "810", "+7", "+380", "+49", "+998", "+44 (0)"),
        fc.array(fc.constantFrom(..."0123456789"), { minLength: 6, maxLength: 13 }),
        fc.constantFrom("", " ", "-"),
      )
      .map(([prefix, digits, separator]) => `${prefix}${digits.join(separator)}`);
    let accepted = 0;
    fc.assert(
      fc.property(typed, (raw) => {
        const e164 = toE164(raw);
        if (e164 === null) return;
        accepted++;
        const digits = e164.slice(1);
        const pbxForms = [e164, `00${digits}`];
        // Without a prefix, only long numbers can be told from Russian ones.
        if (digits.length > 11) pbxForms.push(digits);
        if (digits.length > 8) pbxForms.push(`810${digits}`);
        if (digits.startsWith("7")) pbxForms.push(digits, `8${digits.slice(1)}`, digits.slice(1));
        for (const form of pbxForms) {
          expect(normalizePbxPhone(form)).toBe(e164);
          // Typed without a "+", "8…"/"7…" with more than 11 digits reads as a Russian number
          // with extra digits and is refused; the PBX never writes a Russian number that way.
          if (!/^[78]\d{11,}$/.test(form)) expect(toE164(form)).toBe(e164);
        }
      }),
      { numRuns: 3000, seed: 16 },
    );
    // The generator must reach valid numbers for the property to say anything.
    expect(accepted).toBeGreaterThan(300);
  });

  it("does not read a number after +7 as another country", () => {
    expect(normalizePhone("+7 0043 400000")).toEqual({ ok: false, reason: "invalid" });
    expect(normalizePhone("+44 (0) 20 7946 0958")).toEqual({ ok: true, e164: "+442079460958" });
  });

  it("is idempotent on its own output", () => {
    for (const input of ["8 (916) 123-45-67", "+44 20 7946 0958", "9161234567", "8 727 1234567"]) {
      const once = toE164(input);
      expect(once).not.toBeNull();
      expect(toE164(once ?? "")).toBe(once);
    }
  });
});

describe("phoneCountry", () => {
  it("tells Russia from Kazakhstan within +7, and other countries", () => {
    expect(phoneCountry("+79161234567")).toBe("RU");
    expect(phoneCountry("+78005553535")).toBe("RU");
    expect(phoneCountry("+77271234567")).toBe("KZ");
    expect(phoneCountry("+77011234567")).toBe("KZ");
    expect(phoneCountry("+375291234567")).toBe("BY");
    expect(phoneCountry("+76123456789")).toBeNull();
    expect(phoneCountry("101")).toBeNull();
  });
});

describe("formatPhone", () => {
  it("groups Russian city, toll-free and mobile numbers the Russian way", () => {
    expect(formatPhone("+74951234567")).toBe("+7 495 123-45-67");
    expect(formatPhone("+78005553535")).toBe("+7 800 555-35-35");
    expect(formatPhone("+79161234567")).toBe("+7 916 123-45-67");
    expect(formatPhone("+73435621234")).toBe("+7 343 562-12-34");
  });

  it("groups Kazakh and foreign numbers as their country does", () => {
    expect(formatPhone("+77271234567")).toBe("+7 727 123 4567");
    expect(formatPhone("+77011234567")).toBe("+7 701 123 4567");
    expect(formatPhone("+49301234567")).toBe("+49 30 1234567");
    expect(formatPhone("+442079460958")).toBe("+44 20 7946 0958");
    expect(formatPhone("+12125550123")).toBe("+1 212 555 0123");
    expect(formatPhone("+375291234567")).toBe("+375 29 123 45 67");
  });

  it("shows what is not a valid number as stored", () => {
    expect(formatPhone("+7495123")).toBe("+7495123");
    expect(formatPhone("+76123456789")).toBe("+76123456789");
    expect(formatPhone("101")).toBe("101");
    expect(formatPhone("anonymous")).toBe("anonymous");
    expect(formatPhone("")).toBe("");
  });

  it("shows every number it accepts so that it reads back to the same number", () => {
    for (const input of [
      "8 916 123 45 67",
      "8 727 123 45 67",
      "+44 20 7946 0958",
      "+1 212 555 0123",
    ]) {
      const e164 = toE164(input) ?? "";
      expect(toE164(formatPhone(e164))).toBe(e164);
    }
  });
});

describe("phoneSearchDigits", () => {
  it("returns the digits and, for a leading 8 or 00, the international form", () => {
    expect(phoneSearchDigits("8 916 12")).toEqual(["891612", "791612"]);
    expect(phoneSearchDigits("00 49 30")).toEqual(["004930", "4930"]);
    expect(phoneSearchDigits("+7 916")).toEqual(["7916"]);
    expect(phoneSearchDigits("45-67")).toEqual(["4567"]);
  });

  it("is null for words and too few digits", () => {
    expect(phoneSearchDigits("Ivan")).toBeNull();
    expect(phoneSearchDigits("12")).toBeNull();
    expect(phoneSearchDigits("ООО 123")).toBeNull();
  });
});
