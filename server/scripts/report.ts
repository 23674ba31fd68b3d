import { complianceFigures, type ComplianceRow } from "@/lib/scripts/compliance-math";
import { scriptContent, scriptDrillInput, type ScriptDrillInput } from "@/lib/scripts/schemas";
import { addDays, parseLocalDate, startOfLocalDay } from "@/lib/zoned-time";
import { getDb, Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ReportScope } from "@/server/reports/sql";

// Script compliance for Reports → Quality and /api/v1: the steps of the calls that started in the
// period (local days of the company), per script and step, per manager, and per day.

function periodOf(scope: Pick<ReportScope, "from" | "to" | "timeZone">) {
  const from = parseLocalDate(scope.from);
  const to = parseLocalDate(scope.to);
  if (!from || !to) throw new AppError("VALIDATION", "Invalid period");
  return {
    gte: startOfLocalDay(from, scope.timeZone),
    lt: startOfLocalDay(addDays(to, 1), scope.timeZone),
  };
}

type GroupRow = Omit<ComplianceRow, "count"> & { count: bigint | number };

export async function buildScriptCompliance(scope: ReportScope) {
  const db = getDb();
  const period = periodOf(scope);
  const managers = scope.managerIds ?? [];
  const managerFilter =
    managers.length > 0
      ? Prisma.sql`AND r.manager_id IN (${Prisma.join(managers.map((id) => Prisma.sql`${id}::uuid`))})`
      : Prisma.empty;
  const grouped = await db.$queryRaw<GroupRow[]>`
    SELECT r.script_id::text AS "scriptId", r.step_id AS "stepId", r.manager_id::text AS "managerId",
           to_char((r.call_started_at AT TIME ZONE ${scope.timeZone}::text)::date, 'YYYY-MM-DD') AS day,
           r.status::text AS status, count(*) AS count
    FROM script_step_results r
    WHERE r.tenant_id = ${scope.tenantId}::uuid
      AND r.call_started_at >= ${period.gte} AND r.call_started_at < ${period.lt}
      ${managerFilter}
    GROUP BY 1, 2, 3, 4, 5`;
  const rows: ComplianceRow[] = grouped.map((r) => ({ ...r, count: Number(r.count) }));
  const scriptIds = [...new Set(rows.map((r) => r.scriptId))];
  const managerIds = [...new Set(rows.flatMap((r) => (r.managerId ? [r.managerId] : [])))];
  const [scripts, people, calls] = await Promise.all([
    db.script.findMany({
      where: { tenantId: scope.tenantId, id: { in: scriptIds } },
      select: {
        id: true,
        name: true,
        latestVersion: true,
        versions: { select: { version: true, content: true } },
      },
      orderBy: { name: "asc" },
    }),
    db.user.findMany({
      where: { tenantId: scope.tenantId, id: { in: managerIds } },
      select: { id: true, name: true, email: true },
    }),
    db.scriptCheck.groupBy({
      by: ["scriptId"],
      where: {
        tenantId: scope.tenantId,
        callStartedAt: period,
        ...(managers.length > 0 ? { managerId: { in: [...managers] } } : {}),
      },
      _count: { _all: true },
    }),
  ]);
  const person = (id: string | null) => people.find((p) => p.id === id);
  return {
    scripts: scripts.map((script) => {
      // Step titles as worded in the newest version that has the step.
      const versions = [...script.versions].sort((a, b) => b.version - a.version);
      const titles = new Map<string, string>();
      for (const v of versions)
        for (const step of scriptContent.parse(v.content).steps)
          if (!titles.has(step.id)) titles.set(step.id, step.title);
      const latest = versions[0] ? scriptContent.parse(versions[0].content).steps : [];
      const order = [...latest.map((s) => s.id), ...titles.keys()];
      const figures = complianceFigures(
        rows.filter((r) => r.scriptId === script.id),
        order,
      );
      return {
        scriptId: script.id,
        name: script.name,
        calls: calls.find((c) => c.scriptId === script.id)?._count._all ?? 0,
        total: figures.total,
        steps: figures.steps.map((s) => ({ ...s, title: titles.get(s.stepId) ?? s.stepId })),
        managers: figures.managers
          .map((m) => ({
            ...m,
            name: person(m.managerId)?.name ?? null,
            email: person(m.managerId)?.email ?? null,
            steps: figures.managerSteps.filter((s) => s.managerId === m.managerId),
          }))
          .sort((a, b) => (a.name ?? "￿").localeCompare(b.name ?? "￿")),
        days: figures.days,
      };
    }),
  };
}
export type ScriptCompliance = Awaited<ReturnType<typeof buildScriptCompliance>>;

/** The calls behind a step's figure: those that missed (or violated) it. */
export async function drillScriptStep(scope: ReportScope, raw: ScriptDrillInput) {
  const input = scriptDrillInput.parse(raw);
  const statuses =
    input.status === "NOT_PASSED" ? (["MISSED", "VIOLATED"] as const) : ([input.status] as const);
  const where: Prisma.ScriptStepResultWhereInput = {
    tenantId: scope.tenantId,
    scriptId: input.scriptId,
    stepId: input.stepId,
    status: { in: [...statuses] },
    callStartedAt: periodOf(scope),
    ...(input.managerId ? { managerId: input.managerId } : {}),
  };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.scriptStepResult.findMany({
      where,
      orderBy: [{ callStartedAt: "desc" }, { id: "asc" }],
      take: input.limit,
      skip: input.offset,
      select: { callId: true, status: true, reason: true, callStartedAt: true, managerId: true },
    }),
    db.scriptStepResult.count({ where }),
  ]);
  const people = await db.user.findMany({
    where: {
      tenantId: scope.tenantId,
      id: { in: rows.flatMap((r) => (r.managerId ? [r.managerId] : [])) },
    },
    select: { id: true, name: true },
  });
  return {
    items: rows.map((r) => ({
      callId: r.callId,
      status: r.status,
      reason: r.reason,
      startedAt: r.callStartedAt,
      managerName: people.find((p) => p.id === r.managerId)?.name ?? null,
    })),
    total,
    timeZone: scope.timeZone,
  };
}
