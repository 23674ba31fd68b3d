import { describe, expect, it } from "vitest";
import { parseConnectResult } from "./connect-result";

describe("parseConnectResult", () => {
  it("is empty for a plain visit", () => {
    expect(parseConnectResult({})).toBeNull();
    expect(parseConnectResult({ connected: "0" })).toBeNull();
  });

  it("reports a successful connection", () => {
    expect(parseConnectResult({ connected: "1" })).toEqual({ kind: "connected" });
  });

  it("keeps known error codes with their detail", () => {
    expect(parseConnectResult({ error: "invalid_client", detail: " Bad secret " })).toEqual({
      kind: "error",
      code: "invalid_client",
      detail: "Bad secret",
    });
  });

  it("turns unknown codes into 'unknown' and an error wins over success", () => {
    expect(parseConnectResult({ error: "weird", connected: "1" })).toEqual({
      kind: "error",
      code: "unknown",
      detail: null,
    });
  });

  it("takes the first of repeated parameters and bounds the detail", () => {
    const result = parseConnectResult({ error: ["access_denied", "x"], detail: "d".repeat(999) });
    expect(result).toMatchObject({ kind: "error", code: "access_denied" });
    expect(result?.kind === "error" && result.detail?.length).toBe(300);
  });
});
