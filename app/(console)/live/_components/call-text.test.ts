import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/translate";
import { describeState, dialedLabel } from "@/app/(console)/live/_components/call-text";
import { matchesFilters } from "@/app/(console)/live/_components/live-filters";
import type { LiveCall } from "@/app/(console)/live/_components/types";

const base: LiveCall = {
  id: "c1",
  externalId: "sim-1",
  direction: "IN",
  fromNumber: "+79990001122",
  toNumber: "+74951234567",
  state: "RINGING",
  result: null,
  startedAt: new Date("2026-11-26T10:00:00Z"),
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  isClickToCall: false,
  foldVersion: 1,
  workplace: { id: "w1", name: "Reception" },
  manager: { id: "u1", name: "Anna" },
  client: null,
  numberLabel: null,
  routing: null,
};

const t = createTranslator("en");

describe("describeState", () => {
  it("says where a call rings and who talks", () => {
    expect(describeState(t, base)).toBe("Ringing at Reception");
    expect(describeState(t, { ...base, state: "TALKING" })).toBe("Talking with Anna");
    expect(describeState(t, { ...base, state: "PARKED", workplace: null })).toBe(
      "Parked — deciding route",
    );
    expect(describeState(t, { ...base, workplace: null })).toBe("Ringing");
  });
});

describe("dialedLabel", () => {
  it("prefers the number's label, else the company number formatted", () => {
    expect(dialedLabel({ ...base, numberLabel: "Sales" })).toBe("Sales");
    expect(dialedLabel(base)).toBe("+7 495 123-45-67");
    expect(dialedLabel({ ...base, direction: "OUT", fromNumber: "+78001234567" })).toBe(
      "+7 800 123-45-67",
    );
  });
});

describe("matchesFilters", () => {
  const none = { number: "", manager: "", direction: "" };
  it("matches everything without filters and narrows by each one", () => {
    expect(matchesFilters(base, none)).toBe(true);
    expect(matchesFilters(base, { ...none, number: "+74951234567" })).toBe(true);
    expect(matchesFilters(base, { ...none, number: "+78001234567" })).toBe(false);
    expect(matchesFilters(base, { ...none, manager: "u2" })).toBe(false);
    expect(matchesFilters(base, { ...none, direction: "OUT" })).toBe(false);
  });
});
