// Calendar periods in the tenant's time zone, turned into UTC instants for queries.
import {
  addDays,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  type LocalDate,
} from "@/lib/zoned-time";

export type PeriodPreset = "today" | "yesterday" | "7d" | "30d" | "all" | "custom";
export type PeriodInput = { period: PeriodPreset; from?: string; to?: string };
/** Half-open [from, to); null bounds are open. */
export type UtcRange = { from: Date | null; to: Date | null };

/** A preset or custom period (inclusive local dates) as a UTC range. */
export function periodToUtcRange(input: PeriodInput, timeZone: string, now: Date): UtcRange {
  const today = localDateOf(now, timeZone);
  const dayRange = (first: LocalDate, last: LocalDate): UtcRange => ({
    from: startOfLocalDay(first, timeZone),
    to: startOfLocalDay(addDays(last, 1), timeZone),
  });
  switch (input.period) {
    case "today":
      return dayRange(today, today);
    case "yesterday":
      return dayRange(addDays(today, -1), addDays(today, -1));
    case "7d":
      return dayRange(addDays(today, -6), today);
    case "30d":
      return dayRange(addDays(today, -29), today);
    case "all":
      return { from: null, to: null };
    case "custom": {
      const first = input.from ? parseLocalDate(input.from) : null;
      const last = input.to ? parseLocalDate(input.to) : null;
      return {
        from: first ? startOfLocalDay(first, timeZone) : null,
        to: last ? startOfLocalDay(addDays(last, 1), timeZone) : null,
      };
    }
  }
}
