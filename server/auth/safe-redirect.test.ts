import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths", () => {
    expect(safeCallbackPath("/settings/users?tab=1")).toBe("/settings/users?tab=1");
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
      expect(safeCallbackPath(bad)).toBe("/live");
    }
  });
});
