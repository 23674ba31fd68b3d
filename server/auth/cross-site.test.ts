import { describe, expect, it } from "vitest";
import { isCrossSite, needsOriginCheck } from "@/server/auth/cross-site";

const PUBLIC_URL = "https://pult.example.com";

describe("needsOriginCheck", () => {
  it("covers state-changing requests to /api/*", () => {
    expect(needsOriginCheck("POST", "/api/trpc/users.invite")).toBe(true);
    expect(needsOriginCheck("post", "/api/clients/import?mode=commit")).toBe(true);
    expect(needsOriginCheck("DELETE", "/api/anything")).toBe(true);
    expect(needsOriginCheck("POST", "/api/auth/signout")).toBe(true);
  });

  it("leaves reads, pages, the PBX's and the public API's routes alone", () => {
    expect(needsOriginCheck("GET", "/api/trpc/me.get")).toBe(false);
    expect(needsOriginCheck("HEAD", "/api/health")).toBe(false);
    expect(needsOriginCheck("OPTIONS", "/api/trpc/x")).toBe(false);
    expect(needsOriginCheck("POST", "/api/mtt/abc")).toBe(false);
    expect(needsOriginCheck("POST", "/api/v1/clients")).toBe(false);
    expect(needsOriginCheck("POST", "/signin")).toBe(false);
    expect(needsOriginCheck("POST", "/api/v10/x")).toBe(true);
  });
});

describe("isCrossSite", () => {
  it("accepts Pult's own origin and programs that send neither header", () => {
    expect(isCrossSite({ origin: PUBLIC_URL }, PUBLIC_URL)).toBe(false);
    expect(isCrossSite({}, PUBLIC_URL)).toBe(false);
    expect(isCrossSite({ "sec-fetch-site": "same-origin" }, PUBLIC_URL)).toBe(false);
  });

  it("refuses other origins, opaque ones and browsers that hide the origin", () => {
    for (const origin of [
      "https://evil.example",
      "http://pult.example.com",
      "https://pult.example.com:8443",
      "https://pult.example.com.evil.example",
      "null",
    ])
      expect(isCrossSite({ origin }, PUBLIC_URL), origin).toBe(true);
    expect(isCrossSite({ "sec-fetch-site": "cross-site" }, PUBLIC_URL)).toBe(true);
    expect(isCrossSite({ "sec-fetch-site": "same-site" }, PUBLIC_URL)).toBe(true);
    expect(isCrossSite({ origin: PUBLIC_URL, "sec-fetch-site": "cross-site" }, PUBLIC_URL)).toBe(
      false,
    );
  });
});
