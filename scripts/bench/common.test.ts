import { describe, expect, it } from "vitest";
import { cookieHeader, storeCookies } from "@/scripts/bench/session";

describe("storeCookies", () => {
  it("keeps what an answer sets and drops what it clears", () => {
    const jar = new Map([
      ["authjs.pkce.code_verifier", "v"],
      ["authjs.state", "s"],
    ]);
    const res = new Response(null, {
      headers: [
        ["set-cookie", "authjs.session-token=abc.def; Path=/; HttpOnly; SameSite=Lax"],
        ["set-cookie", "authjs.pkce.code_verifier=; Max-Age=0; Path=/"],
        ["set-cookie", "authjs.state=gone; Path=/; Max-Age=0"],
      ],
    });
    storeCookies(res, jar);
    expect(cookieHeader(jar)).toBe("authjs.session-token=abc.def");
  });
});
