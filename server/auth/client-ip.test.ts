import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIpOf } from "@/server/auth/client-ip";

const request = (forwarded: string | string[] | undefined, remoteAddress = "10.0.0.5") =>
  ({
    headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
    socket: { remoteAddress },
  }) as unknown as Pick<IncomingMessage, "headers" | "socket">;

describe("clientIpOf", () => {
  it("uses the connection's address unless a proxy is trusted", () => {
    expect(clientIpOf(request("203.0.113.9"), false)).toBe("10.0.0.5");
    expect(clientIpOf(request(undefined), true)).toBe("10.0.0.5");
  });

  it("takes the address the trusted proxy appended, not one the client wrote", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    expect(clientIpOf(request("1.2.3.4, 203.0.113.9"), true)).toBe("203.0.113.9");
    expect(clientIpOf(request("203.0.113.9"), true)).toBe("203.0.113.9");
    expect(clientIpOf(request(["1.2.3.4", "203.0.113.9 "]), true)).toBe("203.0.113.9");
    expect(clientIpOf(request(" , "), true)).toBe("10.0.0.5");
  });
});
