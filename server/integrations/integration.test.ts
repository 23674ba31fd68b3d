import { describe, expect, it } from "vitest";
import { isSameLocalOrigin } from "@/server/integrations/integration";

describe("isSameLocalOrigin", () => {
  it("treats loopback names as one host", () => {
    expect(isSameLocalOrigin("http://localhost:4010", "http://127.0.0.1:4010")).toBe(true);
    expect(isSameLocalOrigin("http://localhost:4010/", "http://localhost:4010")).toBe(true);
  });

  it("tells different ports, hosts and schemes apart", () => {
    expect(isSameLocalOrigin("http://localhost:4010", "http://localhost:4011")).toBe(false);
    expect(isSameLocalOrigin("https://oauth.mtt.ru", "http://localhost:4010")).toBe(false);
    expect(isSameLocalOrigin("https://localhost:4010", "http://localhost:4010")).toBe(false);
    expect(isSameLocalOrigin("not a url", "http://localhost:4010")).toBe(false);
  });
});
