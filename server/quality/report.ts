import {
  criteriaFigures,
  figuresOf,
  seriesByDay,
  type ReportEvaluation,
} from "@/lib/quality/report-math";
import { scorecardContent, type QualityDrillInput, qualityDrillInput } from "@/lib/schemas/quality";
import {
  addDays,
  formatLocalDate,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
} from "@/lib/zoned-time";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ReportScope } from "@/server/reports/sql";

// The Quality report: evaluations made in the period (local days of the company), by manager,
// over time and per criterion, with critical failures and disputes.

function periodWhere(scope: ReportScope): Prisma.EvaluationWhereInput {
  const from = parseLocalDate(scope.from);
  const to = parseLocalDate(scope.to);
  if (!from || !to) throw new AppError("VALIDATION", "Invalid period");
  const numbers = scope.numbers ?? [];
  return {
    tenantId: scope.tenantId,
    createdAt: {
      gte: startOfLocalDay(from, scope.timeZone),
      lt: startOfLocalDay(addDays(to, 1), scope.timeZone),
    },
    ...(scope.managerIds && scope.managerIds.length > 0
      ? { managerId: { in: [...scope.managerIds] } }
      : {}),
    ...(numbers.length > 0
      ? { call: { OR: [{ toNumber: { in: [...numbers] } }, { fromNumber: { in: [...numbers] } }] } }
      : {}),
  };
}

async function loadRows(scope: ReportScope, where: Prisma.EvaluationWhereInput = {}) {
  const rows = await getDb().evaluation.findMany({
    where: { ...periodWhere(scope), ...where },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      managerId: true,
      score: true,
      isPassed: true,
      hasCriticalFail: true,
      createdAt: true,
      versionId: true,
      answers: { select: { criterionId: true, isPassed: true } },
      disputes: { select: { status: true } },
    },
  });
  return rows.map(({ createdAt, ...row }): ReportEvaluation => ({
    ...row,
    day: formatLocalDate(localDateOf(createdAt, scope.timeZone)),
  }));
}

export async function buildQualityReport(scope: ReportScope) {
  const db = getDb();
  const rows = await loadRows(scope);
  const versionRows = await db.scorecardVersion.findMany({
    where: { tenantId: scope.tenantId, id: { in: [...new Set(rows.map((r) => r.versionId))] } },
    select: { id: true, createdAt: true, content: true },
  });
  const versions = new Map(
    versionRows.map((v) => [
      v.id,
      { createdAt: v.createdAt, content: scorecardContent.parse(v.content) },
    ]),
  );
  const managerIds = [
    ...new Set(rows.map((r) => r.managerId).filter((id): id is string => id !== null)),
  ];
  const people = await db.user.findMany({
    where: { tenantId: scope.tenantId, id: { in: managerIds } },
    select: { id: true, name: true, email: true },
  });
  const byManager = new Map<string | null, ReportEvaluation[]>();
  for (const row of rows)
    byManager.set(row.managerId, [...(byManager.get(row.managerId) ?? []), row]);
  const managers = [...byManager.entries()]
    .map(([managerId, list]) => {
      const person = people.find((p) => p.id === managerId);
      return {
        managerId,
        name: person?.name ?? null,
        email: person?.email ?? null,
        ...figuresOf(list),
      };
    })
    .sort((a, b) => (a.name ?? "￿").localeCompare(b.name ?? "￿"));
  return {
    from: scope.from,
    to: scope.to,
    timeZone: scope.timeZone,
    total: figuresOf(rows),
    managers,
    series: seriesByDay(rows),
    criteria: criteriaFigures(rows, versions),
  };
}
export type QualityReport = Awaited<ReturnType<typeof buildQualityReport>>;

/** The evaluations behind a figure of the report. */
export async function drillQuality(scope: ReportScope, raw: QualityDrillInput) {
  const input = qualityDrillInput.parse(raw);
  const where: Prisma.EvaluationWhereInput = {
    ...periodWhere(scope),
    ...(input.managerId ? { managerId: input.managerId } : {}),
  };
  const answerWhere = (isPassed: boolean | undefined) =>
    input.criterionId
      ? {
          answers: {
            some: {
              criterionId: input.criterionId,
              ...(isPassed === undefined ? {} : { isPassed }),
            },
          },
        }
      : {};
  const filters: Prisma.EvaluationWhereInput[] = [where];
  if (input.only === "failed")
    filters.push(input.criterionId ? answerWhere(false) : { isPassed: false });
  else if (input.only === "critical")
    filters.push({ hasCriticalFail: true }, answerWhere(input.criterionId ? false : undefined));
  else if (input.only === "disputed") filters.push({ disputes: { some: {} } });
  else filters.push(answerWhere(undefined));
  const db = getDb();
  const full = { AND: filters };
  const [items, total] = await Promise.all([
    db.evaluation.findMany({
      where: full,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: input.limit,
      skip: input.offset,
      select: {
        id: true,
        callId: true,
        score: true,
        isPassed: true,
        hasCriticalFail: true,
        status: true,
        createdAt: true,
        manager: { select: { name: true, email: true } },
        reviewer: { select: { name: true } },
        version: { select: { name: true, version: true } },
        _count: { select: { disputes: true } },
      },
    }),
    db.evaluation.count({ where: full }),
  ]);
  return {
    items: items.map(({ _count, ...item }) => ({ ...item, disputes: _count.disputes })),
    total,
    timeZone: scope.timeZone,
  };
}
