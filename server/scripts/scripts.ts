import { allCriteria } from "@/lib/quality/scoring";
import {
  saveScriptInput,
  scriptContent,
  type SaveScriptInput,
  type ScriptContent,
} from "@/lib/scripts/schemas";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { toVersionView } from "@/server/quality/scorecards";

// Call scripts and their immutable versions. A save never rewrites a version: it adds the next
// one, so a check keeps the steps it was checked against. Applicability (directions, numbers,
// enabled) lives on the script itself: it decides which calls are checked next, not what a
// check meant.

export const scriptVersionSelect = {
  id: true,
  scriptId: true,
  version: true,
  name: true,
  templateId: true,
  scorecardVersionId: true,
  content: true,
  createdAt: true,
} satisfies Prisma.ScriptVersionSelect;

type VersionRow = Prisma.ScriptVersionGetPayload<{ select: typeof scriptVersionSelect }>;
export type ScriptVersionView = Omit<VersionRow, "content"> & { content: ScriptContent };

export const toScriptVersionView = (row: VersionRow): ScriptVersionView => ({
  ...row,
  content: scriptContent.parse(row.content),
});

const scriptSelect = {
  id: true,
  name: true,
  isEnabled: true,
  directions: true,
  numbers: true,
  latestVersion: true,
  updatedAt: true,
} satisfies Prisma.ScriptSelect;

export async function listScripts(actor: Actor) {
  const db = getDb();
  const rows = await db.script.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ isEnabled: "desc" }, { name: "asc" }],
    select: { ...scriptSelect, _count: { select: { checks: true } } },
  });
  const latest = await db.scriptVersion.findMany({
    where: {
      tenantId: actor.tenantId,
      OR: rows.map((r) => ({ scriptId: r.id, version: r.latestVersion })),
    },
    select: scriptVersionSelect,
  });
  return rows.map(({ _count, ...row }) => {
    const version = latest.find((v) => v.scriptId === row.id);
    return {
      ...row,
      checkCount: _count.checks,
      stepCount: version ? scriptContent.parse(version.content).steps.length : 0,
      templateId: version?.templateId ?? null,
    };
  });
}

/** A script with its latest version: what the editor opens. */
export async function getScript(actor: Actor, scriptId: string) {
  const db = getDb();
  const script = await db.script.findFirst({
    where: { id: scriptId, tenantId: actor.tenantId },
    select: scriptSelect,
  });
  if (!script) throw new AppError("NOT_FOUND", "Script not found");
  const latest = await db.scriptVersion.findFirstOrThrow({
    where: { tenantId: actor.tenantId, scriptId, version: script.latestVersion },
    select: scriptVersionSelect,
  });
  return { ...script, latest: toScriptVersionView(latest) };
}

/** The scorecard the steps link to: its latest version, whose criteria the links must name. */
async function linkedScorecard(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: ReturnType<typeof saveScriptInput.parse>,
): Promise<string | null> {
  if (input.templateId === null) return null;
  const template = await tx.scorecardTemplate.findFirst({
    where: { id: input.templateId, tenantId: actor.tenantId },
    select: { latestVersion: true },
  });
  if (!template)
    throw new AppError("VALIDATION", "Choose a scorecard of your company", {
      fields: { templateId: ["invalid"] },
    });
  const version = await tx.scorecardVersion.findFirstOrThrow({
    where: {
      tenantId: actor.tenantId,
      templateId: input.templateId,
      version: template.latestVersion,
    },
    select: {
      id: true,
      templateId: true,
      version: true,
      name: true,
      passThreshold: true,
      content: true,
      createdAt: true,
    },
  });
  const known = new Set(allCriteria(toVersionView(version).content).map((c) => c.id));
  const fields: Record<string, string[]> = {};
  for (const [i, step] of input.content.steps.entries())
    if (step.criterionId !== null && !known.has(step.criterionId))
      fields[`content.steps.${i}.criterionId`] = ["invalid"];
  if (Object.keys(fields).length > 0)
    throw new AppError("VALIDATION", "A step names a criterion not on the scorecard", { fields });
  return version.id;
}

const sameVersion = (
  before: ScriptVersionView,
  input: ReturnType<typeof saveScriptInput.parse>,
  scorecardVersionId: string | null,
) =>
  before.name === input.name &&
  before.templateId === input.templateId &&
  before.scorecardVersionId === scorecardVersionId &&
  JSON.stringify(before.content) === JSON.stringify(input.content);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Creates a script (version 1) or saves the next version; an unchanged save adds none. */
export async function saveScript(actor: Actor, raw: SaveScriptInput) {
  const input = saveScriptInput.parse(raw);
  const applies = {
    name: input.name,
    isEnabled: input.isEnabled,
    directions: input.directions,
    numbers: input.numbers,
  };
  try {
    return await getDb().$transaction(async (tx) => {
      const scorecardVersionId = await linkedScorecard(tx, actor, input);
      const versionData = {
        tenantId: actor.tenantId,
        name: input.name,
        templateId: input.templateId,
        scorecardVersionId,
        content: input.content,
        createdById: actor.userId,
      };
      if (!input.scriptId) {
        const script = await tx.script.create({
          data: { tenantId: actor.tenantId, ...applies },
          select: { id: true },
        });
        const version = await tx.scriptVersion.create({
          data: { ...versionData, scriptId: script.id, version: 1 },
          select: { id: true },
        });
        await writeAudit(tx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: "quality.script.create",
          targetType: "script",
          targetId: script.id,
          data: { name: input.name, versionId: version.id },
          ip: actor.ip,
        });
        return { scriptId: script.id, versionId: version.id, version: 1, isNewVersion: true };
      }
      // Locks the script row: two editors saving at once get versions n+1 and n+2.
      const locked = await tx.$queryRaw<Array<{ latest: number }>>`
        SELECT latest_version AS latest FROM scripts
        WHERE id = ${input.scriptId}::uuid AND tenant_id = ${actor.tenantId}::uuid FOR UPDATE`;
      const latest = locked[0]?.latest;
      if (latest === undefined) throw new AppError("NOT_FOUND", "Script not found");
      const current = await tx.scriptVersion.findFirstOrThrow({
        where: { tenantId: actor.tenantId, scriptId: input.scriptId, version: latest },
        select: scriptVersionSelect,
      });
      const before = toScriptVersionView(current);
      const isSame = sameVersion(before, input, scorecardVersionId);
      const next = isSame ? latest : latest + 1;
      const version = isSame
        ? { id: before.id }
        : await tx.scriptVersion.create({
            data: { ...versionData, scriptId: input.scriptId, version: next },
            select: { id: true },
          });
      await tx.script.update({
        where: { id: input.scriptId },
        data: { ...applies, latestVersion: next },
      });
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "quality.script.update",
        targetType: "script",
        targetId: input.scriptId,
        data: { version: next, versionId: version.id, isNewVersion: !isSame, ...applies },
        ip: actor.ip,
      });
      return {
        scriptId: input.scriptId,
        versionId: version.id,
        version: next,
        isNewVersion: !isSame,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "A script with this name already exists", {
        fields: { name: ["taken"] },
      });
    throw error;
  }
}
