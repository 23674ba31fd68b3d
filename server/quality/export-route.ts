import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { reportFiltersInput } from "@/lib/schemas/reports";
import { formatZoned } from "@/lib/zoned-time";
import { getConfig } from "@/server/config";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canReviewQuality } from "@/server/policy/policy";
import { buildQualityReport, drillQuality } from "@/server/quality/report";
import { csvLine } from "@/server/reports/export";
import { getReportScope } from "@/server/reports/queries";

// GET /api/reports/quality-export: the Quality tab as CSV — `kind=managers` (the table per
// manager) or `kind=evaluations` (every evaluation of the period, with a link to its call).

const HEADERS: Record<Locale, { managers: string[]; evaluations: string[] }> = {
  en: {
    managers: [
      "Manager",
      "Email",
      "Evaluations",
      "Average score, %",
      "Pass rate, %",
      "Critical failures",
      "Disputes",
      "Open disputes",
    ],
    evaluations: [
      "Evaluation ID",
      "Made (local)",
      "Manager",
      "Reviewer",
      "Scorecard",
      "Version",
      "Score, %",
      "Passed",
      "Critical failure",
      "Status",
      "Disputes",
      "Call page",
    ],
  },
  ru: {
    managers: [
      "Менеджер",
      "Email",
      "Оценок",
      "Средний балл, %",
      "Доля зачётов, %",
      "Критические провалы",
      "Споры",
      "Открытые споры",
    ],
    evaluations: [
      "ID оценки",
      "Когда (местное)",
      "Менеджер",
      "Проверяющий",
      "Анкета",
      "Версия",
      "Балл, %",
      "Зачёт",
      "Критический провал",
      "Статус",
      "Споры",
      "Страница звонка",
    ],
  },
};

const percent = (rate: number | null) => (rate === null ? "" : Math.round(rate * 1000) / 10);

export async function exportQualityReport(
  actor: Actor,
  url: URL,
  locale: Locale,
): Promise<Response> {
  if (!canReviewQuality(actor)) throw new AppError("FORBIDDEN", "Reports are for supervisors");
  const params = url.searchParams;
  const filters = reportFiltersInput.safeParse({
    from: params.get("from"),
    to: params.get("to"),
    managerIds: params.getAll("manager"),
  });
  const kind = z.enum(["managers", "evaluations"]).safeParse(params.get("kind") ?? "managers");
  if (!filters.success || !kind.success)
    throw new AppError("VALIDATION", "Check the report filters");
  const scope = await getReportScope(actor.tenantId, filters.data);
  const yes = locale === "ru" ? "да" : "yes";
  let body = `\uFEFF${csvLine(HEADERS[locale][kind.data])}`;
  if (kind.data === "managers") {
    const report = await buildQualityReport(scope);
    for (const m of report.managers)
      body += csvLine([
        m.name ?? "",
        m.email ?? "",
        m.evaluations,
        m.avgScore ?? "",
        percent(m.passRate),
        m.criticalFailures,
        m.disputes.raised,
        m.disputes.open,
      ]);
  } else {
    const base = getConfig().publicUrl.replace(/\/$/, "");
    const total = await getDb().evaluation.count({ where: { tenantId: actor.tenantId } });
    for (let offset = 0; offset < total; offset += 200) {
      const page = await drillQuality(scope, { filters: filters.data, limit: 200, offset });
      for (const e of page.items)
        body += csvLine([
          e.id,
          formatZoned(e.createdAt, scope.timeZone),
          e.manager?.name ?? "",
          e.reviewer?.name ?? "",
          e.version.name,
          e.version.version,
          e.score ?? "",
          e.isPassed ? yes : "",
          e.hasCriticalFail ? yes : "",
          e.status,
          e.disputes,
          `${base}/calls/${e.callId}`,
        ]);
      if (page.items.length < 200) break;
    }
  }
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="quality-${kind.data}-${scope.from}-${scope.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
