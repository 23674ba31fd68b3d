import { describe, expect, it } from "vitest";
import { normalizePbxPhone } from "../server/mtt/wire-schemas";
import { normalizePhone, phoneSearchDigits, toE164 } from "./phone";

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
    ];
    for (const raw of pbxForms) expect(toE164(raw)).toBe(normalizePbxPhone(raw));
  });

  it("is idempotent on its own output", () => {
    for (const input of ["8 (916) 123-45-67", "+44 20 7946 0958", "9161234567"]) {
      const once = toE164(input);
      expect(once).not.toBeNull();
      expect(toE164(once ?? "")).toBe(once);
    }
  });
});

describe("phoneSearchDigits", () => {
  it("returns the digits and, for a leading 8, the +7 form", () => {
    expect(phoneSearchDigits("8 916 12")).toEqual(["891612", "791612"]);
    expect(phoneSearchDigits("+7 916")).toEqual(["7916"]);
    expect(phoneSearchDigits("45-67")).toEqual(["4567"]);
  });

  it("is null for words and too few digits", () => {
    expect(phoneSearchDigits("Ivan")).toBeNull();
    expect(phoneSearchDigits("12")).toBeNull();
    expect(phoneSearchDigits("ООО 123")).toBeNull();
  });
});
