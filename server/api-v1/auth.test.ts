import { describe, expect, it } from "vitest";
import { parseBearer } from "@/server/api-v1/auth";

describe("parseBearer", () => {
  it("takes the token after a case-insensitive Bearer scheme", () => {
    expect(parseBearer("Bearer pult_abc-DEF_123")).toBe("pult_abc-DEF_123");
    expect(parseBearer("bearer pult_abc")).toBe("pult_abc");
    expect(parseBearer("BEARER  pult_abc ")).toBe("pult_abc");
    expect(parseBearer("Bearer YWJj+/==")).toBe("YWJj+/==");
  });

  it("refuses anything else", () => {
    expect(parseBearer(null)).toBeNull();
    expect(parseBearer("")).toBeNull();
    expect(parseBearer("Bearer")).toBeNull();
    expect(parseBearer("Bearer ")).toBeNull();
    expect(parseBearer("Basic dXNlcjpwYXNz")).toBeNull();
    expect(parseBearer("pult_abc")).toBeNull();
    expect(parseBearer("Bearer two tokens")).toBeNull();
    expect(parseBearer("Bearer pult\u00e9")).toBeNull();
  });
});
