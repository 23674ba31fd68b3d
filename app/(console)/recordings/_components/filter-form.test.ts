import { describe, expect, it } from "vitest";
import {
  emptyFilterForm,
  formFromParams,
  paramsFromForm,
  parseFilterForm,
} from "@/app/(console)/recordings/_components/filter-form";

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

describe("filters in the query string", () => {
  it("writes only the fields in use and reads them back", () => {
    const form = { ...emptyFilterForm, from: "2026-11-01", number: " 495 ", minDurationSec: "30" };
    const params = paramsFromForm(form);
    expect(params.toString()).toBe("from=2026-11-01&number=495&minDurationSec=30");
    expect(formFromParams(params)).toEqual({ ...form, number: "495" });
  });

  it("ignores unknown keys and cuts absurdly long values; bad values reach the form's validation", () => {
    const form = formFromParams(
      new URLSearchParams({ foo: "bar", client: "x".repeat(500), to: "not-a-date" }),
    );
    expect(form.client).toHaveLength(200);
    expect(form.to).toBe("not-a-date");
    expect(Object.keys(form).sort()).toEqual(Object.keys(emptyFilterForm).sort());
    expect(parseFilterForm(form).ok).toBe(false);
  });
});
