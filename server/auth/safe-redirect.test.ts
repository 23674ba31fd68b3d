import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/server/auth/safe-redirect";

const ORIGIN = "https://pult.example.com";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths", () => {
    expect(safeCallbackPath("/settings/users?tab=1", ORIGIN)).toBe("/settings/users?tab=1");
    expect(safeCallbackPath("/calls/abc#events", ORIGIN)).toBe("/calls/abc#events");
    // An absolute URL of Pult itself is reduced to its path.
    expect(safeCallbackPath(`${ORIGIN}/reports?period=7d`, ORIGIN)).toBe("/reports?period=7d");
  });

  it("refuses other origins and loops", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/signin",
      "/api/auth/signout",
      42,
      undefined,
    ]) {
      expect(safeCallbackPath(bad, ORIGIN)).toBe("/live");
    }
  });

  // Browsers drop tabs and newlines from URLs, and read a backslash as a slash: "/\t/evil" and
  // "/\n/evil" become "//evil", a link to another site.
  it("refuses paths that a browser reads as another site", () => {
    for (const bad of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "/\\/evil.example",
      "http://pult.example.com.evil.example/",
      "https://pult.example.com:8443/live",
      "javascript:alert(1)",
      "/sign\tin",
    ]) {
      expect(safeCallbackPath(bad, ORIGIN), JSON.stringify(bad)).toBe("/live");
    }
  });
});
