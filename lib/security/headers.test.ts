import { describe, expect, it } from "vitest";
import { API_CSP, HSTS, isHttpsRequest, securityHeaders } from "@/lib/security/headers";

const names = (headers: Array<[string, string]>) => Object.fromEntries(headers);

describe("security headers", () => {
  it("sends the baseline on every response", () => {
    const page = names(securityHeaders({ path: "/live", isHttps: false }));
    expect(page).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(page["Permissions-Policy"]).toContain("camera=()");
    expect(page["Permissions-Policy"]).toContain("microphone=()");
    // Pages carry proxy.ts's nonce policy; the server must not send a second one.
    expect(page).not.toHaveProperty("Content-Security-Policy");
    expect(page).not.toHaveProperty("Strict-Transport-Security");
  });

  it("forbids everything to API, notification and socket responses", () => {
    for (const path of ["/api/trpc/me.get", "/api/mtt/abc", "/api/v1/calls", "/socket.io/?EIO=4"]) {
      const headers = names(securityHeaders({ path, isHttps: false }));
      expect(headers["Content-Security-Policy"], path).toBe(API_CSP);
      expect(API_CSP).toContain("frame-ancestors 'none'");
      expect(headers["Cross-Origin-Resource-Policy"], path).toBe("same-origin");
    }
  });

  it("adds HSTS only behind HTTPS", () => {
    expect(names(securityHeaders({ path: "/", isHttps: true }))["Strict-Transport-Security"]).toBe(
      HSTS,
    );
    expect(isHttpsRequest(undefined, "https://pult.example.com")).toBe(true);
    expect(isHttpsRequest("https", "http://localhost:3000")).toBe(true);
    expect(isHttpsRequest("HTTPS, http", "http://localhost:3000")).toBe(true);
    expect(isHttpsRequest(["https"], "http://localhost:3000")).toBe(true);
    expect(isHttpsRequest("http", "http://localhost:3000")).toBe(false);
    expect(isHttpsRequest(undefined, "http://localhost:3000")).toBe(false);
  });
});
