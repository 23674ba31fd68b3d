import { describe, expect, it } from "vitest";
import { formatPhone } from "@/lib/ui/format-phone";

// The rules are tested in lib/phone.test.ts; this checks the UI's import path still leads there.
describe("formatPhone (UI import path)", () => {
  it("formats Russian and Kazakh numbers", () => {
    expect(formatPhone("+74951234567")).toBe("+7 495 123-45-67");
    expect(formatPhone("+77271234567")).toBe("+7 727 123 4567");
  });
});
