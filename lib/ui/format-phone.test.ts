import { describe, expect, it } from "vitest";
import { formatPhone } from "./format-phone";

describe("formatPhone", () => {
  it("groups Russian city, toll-free and mobile numbers", () => {
    expect(formatPhone("+74951234567")).toBe("+7 495 123-45-67");
    expect(formatPhone("+78005553535")).toBe("+7 800 555-35-35");
    expect(formatPhone("+79161234567")).toBe("+7 916 123-45-67");
  });

  it("leaves other numbers as they are", () => {
    expect(formatPhone("+4930123456")).toBe("+4930123456");
    expect(formatPhone("+7495123")).toBe("+7495123");
    expect(formatPhone("101")).toBe("101");
  });
});
