// Period presets as inclusive local dates, computed from the tenant's "today" (from the server,
// in the tenant's time zone) so the browser's own zone never shifts a day.
export const PERIOD_PRESETS = [
  "today",
  "yesterday",
  "thisWeek",
  "lastWeek",
  "thisMonth",
  "last30",
  "custom",
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function presetRange(preset: PeriodPreset, today: string): { from: string; to: string } {
  const t = Date.parse(`${today}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  switch (preset) {
    case "today":
    case "custom":
      return { from: today, to: today };
    case "yesterday":
      return { from: iso(t - DAY), to: iso(t - DAY) };
    case "thisWeek":
      return { from: iso(t - weekday * DAY), to: today };
    case "lastWeek":
      return { from: iso(t - (weekday + 7) * DAY), to: iso(t - (weekday + 1) * DAY) };
    case "thisMonth":
      return { from: `${today.slice(0, 8)}01`, to: today };
    case "last30":
      return { from: iso(t - 29 * DAY), to: today };
  }
}
