import { describe, expect, it } from "vitest";
import { parseConnectResult } from "@/app/(console)/settings/telephony/_components/connect-result";

describe("parseConnectResult", () => {
  it("is empty for a plain visit", () => {
    expect(parseConnectResult({})).toBeNull();
    expect(parseConnectResult({ connected: "0" })).toBeNull();
  });

  it("reports a successful connection", () => {
    expect(parseConnectResult({ connected: "1" })).toEqual({ kind: "connected" });
  });

  it("keeps known error codes", () => {
    expect(parseConnectResult({ error: "invalid_client" })).toEqual({
      kind: "error",
      code: "invalid_client",
    });
  });

  // Anyone can send an admin a link with any text in it: the page shows what Pult stored.
  it("ignores text from the address that would read as MTT's words", () => {
    const result = parseConnectResult({
      error: "invalid_client",
      detail: "Call +7 999 000-00-00 to restore access",
    });
    expect(result).toEqual({ kind: "error", code: "invalid_client" });
    expect(JSON.stringify(result)).not.toContain("+7 999");
  });

  it("turns unknown codes into 'unknown' and an error wins over success", () => {
    expect(parseConnectResult({ error: "weird", connected: "1" })).toEqual({
      kind: "error",
      code: "unknown",
    });
  });

  it("takes the first of repeated parameters", () => {
    const result = parseConnectResult({ error: ["access_denied", "x"] });
    expect(result).toEqual({ kind: "error", code: "access_denied" });
  });
});
