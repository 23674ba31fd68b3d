import { describe, expect, it } from "vitest";
import {
  hasActiveFilters,
  parseForm,
  readForm,
  writeForm,
} from "@/app/(console)/calls/_components/history-url";

describe("history filters in the URL", () => {
  it("reads defaults and round-trips a filtered list", () => {
    const empty = readForm(new URLSearchParams());
    expect(empty.period).toBe("7d");
    expect(hasActiveFilters(empty)).toBe(false);
    const form = { ...empty, result: "MISSED", q: "999 12", period: "today" };
    const query = writeForm(form, new URLSearchParams()).toString();
    expect(query).toBe("period=today&result=MISSED&q=999+12");
    expect(readForm(new URLSearchParams(query))).toEqual(form);
    expect(hasActiveFilters(form)).toBe(true);
  });

  it("drops the default period and dates of a preset period", () => {
    const form = { ...readForm(new URLSearchParams()), from: "2026-05-01", to: "2026-05-02" };
    expect(writeForm(form, new URLSearchParams("other=1")).toString()).toBe("other=1");
  });

  it("validates with the procedure's schema and names the bad parameter", () => {
    const base = readForm(new URLSearchParams());
    expect(parseForm({ ...base, q: "12" })).toEqual({
      ok: false,
      fieldErrors: { q: "search_too_short" },
    });
    const badManager = parseForm({ ...base, manager: "someone" });
    expect(badManager.ok ? null : Object.keys(badManager.fieldErrors)).toEqual(["manager"]);
    expect(parseForm({ ...base, period: "custom", from: "2026-05-03", to: "2026-05-01" })).toEqual({
      ok: false,
      fieldErrors: { to: "range_reversed" },
    });
    expect(parseForm({ ...base, result: "BUSY" })).toMatchObject({
      ok: true,
      filters: { period: "7d", result: "BUSY" },
    });
  });
});
