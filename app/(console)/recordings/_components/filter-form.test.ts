import { describe, expect, it } from "vitest";
import { emptyFilterForm, parseFilterForm } from "./filter-form";

describe("parseFilterForm", () => {
  it("turns empty fields into no filter and numbers into seconds", () => {
    expect(parseFilterForm({ ...emptyFilterForm, minDurationSec: "30" })).toEqual({
      ok: true,
      filters: { minDurationSec: 30 },
    });
  });

  it("reports bad input per field with the schema's codes", () => {
    const parsed = parseFilterForm({
      ...emptyFilterForm,
      from: "2026-02-30",
      number: "12",
      minDurationSec: "90",
      maxDurationSec: "60",
    });
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        from: "date_invalid",
        number: "search_too_short",
        maxDurationSec: "range_reversed",
      },
    });
    expect(
      parseFilterForm({ ...emptyFilterForm, minDurationSec: "90", maxDurationSec: "60" }),
    ).toEqual({ ok: false, fieldErrors: { maxDurationSec: "range_reversed" } });
    expect(parseFilterForm({ ...emptyFilterForm, minDurationSec: "1.5" })).toEqual({
      ok: false,
      fieldErrors: { minDurationSec: "number_invalid" },
    });
    expect(parseFilterForm({ ...emptyFilterForm, number: "abc" })).toMatchObject({
      ok: false,
      fieldErrors: { number: "search_digits" },
    });
  });
});
