// Calendar periods in the tenant's time zone, turned into UTC instants for queries. Intl only:
// the zone database is in every Node build, so no date library is needed.

export type PeriodPreset = "today" | "yesterday" | "7d" | "30d" | "all" | "custom";
export type PeriodInput = { period: PeriodPreset; from?: string; to?: string };
/** Half-open [from, to); null bounds are open. */
export type UtcRange = { from: Date | null; to: Date | null };
type LocalDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant the local calendar day starts in the zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  // The offset at the guess may differ from the offset at the real instant (DST change that
  // day); one correction settles it.
  const second = guess - zoneOffsetMs(new Date(first), timeZone);
  return new Date(second);
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "2026-03-29" → a local date; null when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

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
