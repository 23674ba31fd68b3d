// CSV exports of what the report screen shows: the calls behind a figure (one row per call) and
// the per-manager summary. Both come from the same builders as the screen (queries.ts).
import type { ReportFigure } from "@/lib/schemas/reports";
import { formatZoned } from "@/lib/zoned-time";
import { getConfig } from "@/server/config";
import {
  buildManagerReport,
  listFigureCalls,
  type DrillCall,
  type ManagerReportRow,
} from "@/server/reports/queries";
import type { ReportScope, Slice } from "@/server/reports/sql";

type Locale = "ru" | "en";
const BATCH = 5000;
// A spreadsheet is not the tool beyond this; the API and the screen's filters narrow it.
export const EXPORT_MAX_ROWS = 500_000;

/** RFC 4180 quoting, and a leading quote against spreadsheet formula injection. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^\+\d+$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
export const csvLine = (cells: Array<string | number | null | undefined>) =>
  `${cells.map(csvCell).join(",")}\r\n`;

const CALL_HEADERS: Record<Locale, string[]> = {
  en: [
    "Call ID",
    "Started (local)",
    "Direction",
    "From",
    "To",
    "Result",
    "Wait, s",
    "Talk, s",
    "Client",
    "Manager",
    "Routing outcome",
    "Routing fallback",
    "Recording",
    "Call page",
  ],
  ru: [
    "ID звонка",
    "Начало (местное)",
    "Направление",
    "Откуда",
    "Куда",
    "Результат",
    "Ожидание, с",
    "Разговор, с",
    "Клиент",
    "Менеджер",
    "Маршрутизация",
    "Запасной маршрут",
    "Запись",
    "Страница звонка",
  ],
};

function callRow(c: DrillCall, timeZone: string, base: string, locale: Locale) {
  const wait = (c.answeredAt ?? c.endedAt)?.getTime();
  const yes = locale === "ru" ? "да" : "yes";
  return csvLine([
    c.id,
    formatZoned(c.startedAt, timeZone),
    c.direction,
    c.fromNumber,
    c.toNumber,
    c.result ?? "",
    wait === undefined ? "" : Math.max(0, Math.round((wait - c.startedAt.getTime()) / 1000)),
    c.talkSec ?? "",
    c.clientName ?? "",
    c.managerName ?? "",
    c.routingOutcome ?? "",
    c.routingOutcome ? (c.routingFallback ? yes : "") : "",
    c.recordingId ? `${base}/api/recordings/${c.recordingId}` : "",
    `${base}/calls/${c.id}`,
  ]);
}

/** One row per call behind the figure, newest first, streamed in keyset batches. */
export function exportCallsCsv(
  scope: ReportScope,
  figure: ReportFigure,
  slice: Slice,
  locale: Locale,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const base = getConfig().publicUrl;
  let after: { startedAt: Date; id: string } | undefined;
  let sent = 0;
  let isHeaderSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        // BOM: Excel opens UTF-8 (Cyrillic names) correctly only with it.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(CALL_HEADERS[locale])}`));
        return;
      }
      const batch = await listFigureCalls(scope, figure, slice, { limit: BATCH, after });
      const rows = batch.slice(0, EXPORT_MAX_ROWS - sent);
      if (rows.length > 0) {
        controller.enqueue(
          encoder.encode(rows.map((c) => callRow(c, scope.timeZone, base, locale)).join("")),
        );
      }
      sent += rows.length;
      const last = rows.at(-1);
      if (!last || batch.length < BATCH || sent >= EXPORT_MAX_ROWS) {
        controller.close();
        return;
      }
      after = { startedAt: last.startedAt, id: last.id };
    },
  });
}

const SUMMARY_COLUMNS = [
  "incoming",
  "outgoing",
  "answered",
  "missed",
  "answerRate",
  "avgAnswerSec",
  "p90AnswerSec",
  "talkSec",
  "avgTalkSec",
  "serviceLevel",
  "calledBack",
  "callbackRate",
  "medianCallbackSec",
  "personalRate",
  "fallbacks",
] as const;

const SUMMARY_HEADERS: Record<
  Locale,
  Record<(typeof SUMMARY_COLUMNS)[number] | "manager" | "email", string>
> = {
  en: {
    manager: "Manager",
    email: "Email",
    incoming: "Incoming",
    outgoing: "Outgoing",
    answered: "Answered",
    missed: "Missed",
    answerRate: "Answer rate",
    avgAnswerSec: "Avg answer, s",
    p90AnswerSec: "90th pct answer, s",
    talkSec: "Talk, s",
    avgTalkSec: "Avg talk, s",
    serviceLevel: "Service level",
    calledBack: "Called back",
    callbackRate: "Callback rate",
    medianCallbackSec: "Median callback, s",
    personalRate: "Reached personal manager",
    fallbacks: "Routing fallbacks",
  },
  ru: {
    manager: "Менеджер",
    email: "Email",
    incoming: "Входящие",
    outgoing: "Исходящие",
    answered: "Отвечено",
    missed: "Пропущено",
    answerRate: "Доля отвеченных",
    avgAnswerSec: "Среднее ожидание, с",
    p90AnswerSec: "Ожидание 90-й перцентиль, с",
    talkSec: "Разговор, с",
    avgTalkSec: "Средний разговор, с",
    serviceLevel: "Уровень сервиса",
    calledBack: "Перезвонили",
    callbackRate: "Доля перезвонов",
    medianCallbackSec: "Медиана перезвона, с",
    personalRate: "Дозвон до личного менеджера",
    fallbacks: "Запасные маршруты",
  },
};

/** The per-manager table as on screen (same rounding), plus a total row. */
export async function exportManagersCsv(scope: ReportScope, locale: Locale): Promise<string> {
  const report = await buildManagerReport(scope);
  const headers = SUMMARY_HEADERS[locale];
  const values = (row: Pick<ManagerReportRow, (typeof SUMMARY_COLUMNS)[number]>) =>
    SUMMARY_COLUMNS.map((key) => row[key]);
  const unassigned = locale === "ru" ? "Без менеджера" : "No manager";
  const total = locale === "ru" ? "Итого" : "Total";
  return (
    "\uFEFF" +
    csvLine([headers.manager, headers.email, ...SUMMARY_COLUMNS.map((k) => headers[k])]) +
    report.managers.map((r) => csvLine([r.name ?? unassigned, r.email, ...values(r)])).join("") +
    csvLine([total, "", ...values(report.total)])
  );
}
