import { describe, expect, it } from "vitest";
import { buildCsp, createNonce } from "@/lib/security/csp";

describe("content security policy", () => {
  it("allows scripts only from our origin or with the request's nonce", () => {
    const csp = buildCsp("abc123", { isDev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("lets React's dev tooling evaluate code only in development", () => {
    expect(buildCsp("n", { isDev: true })).toContain("'unsafe-eval'");
  });

  it("makes a different, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
