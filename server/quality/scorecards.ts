import { diffVersions } from "@/lib/quality/version-diff";
import {
  scorecardContent,
  type SaveScorecardInput,
  type ScorecardContent,
  saveScorecardInput,
} from "@/lib/schemas/quality";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";

// Scorecard templates and their immutable versions. A save never rewrites a version: it adds
// the next one, so evaluations keep the questions and weights they were made with.

const versionSelect = {
  id: true,
  templateId: true,
  version: true,
  name: true,
  passThreshold: true,
  content: true,
  createdAt: true,
} satisfies Prisma.ScorecardVersionSelect;

type VersionRow = Prisma.ScorecardVersionGetPayload<{ select: typeof versionSelect }>;
export type ScorecardVersionView = Omit<VersionRow, "content"> & { content: ScorecardContent };

/** The stored content, checked: a version written by an older Pult still reads the same. */
export function toVersionView(row: VersionRow): ScorecardVersionView {
  return { ...row, content: scorecardContent.parse(row.content) };
}

export async function listTemplates(actor: Actor, opts: { withArchived?: boolean } = {}) {
  const rows = await getDb().scorecardTemplate.findMany({
    where: { tenantId: actor.tenantId, ...(opts.withArchived ? {} : { isArchived: false }) },
    orderBy: [{ isArchived: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      isArchived: true,
      latestVersion: true,
      updatedAt: true,
      _count: { select: { versions: true } },
    },
  });
  const counts = await getDb().evaluation.groupBy({
    by: ["versionId"],
    where: { tenantId: actor.tenantId },
    _count: { _all: true },
  });
  const versions = await getDb().scorecardVersion.findMany({
    where: { tenantId: actor.tenantId, id: { in: counts.map((c) => c.versionId) } },
    select: { id: true, templateId: true },
  });
  const byTemplate = new Map<string, number>();
  for (const c of counts) {
    const templateId = versions.find((v) => v.id === c.versionId)?.templateId;
    if (templateId) byTemplate.set(templateId, (byTemplate.get(templateId) ?? 0) + c._count._all);
  }
  return rows.map(({ _count, ...row }) => ({
    ...row,
    versionCount: _count.versions,
    evaluationCount: byTemplate.get(row.id) ?? 0,
  }));
}

/** A template with its latest version (what the editor and a new evaluation use). */
export async function getTemplate(actor: Actor, templateId: string) {
  const db = getDb();
  const template = await db.scorecardTemplate.findFirst({
    where: { id: templateId, tenantId: actor.tenantId },
    select: { id: true, name: true, isArchived: true, latestVersion: true },
  });
  if (!template) throw new AppError("NOT_FOUND", "Scorecard not found");
  const latest = await db.scorecardVersion.findFirstOrThrow({
    where: { tenantId: actor.tenantId, templateId, version: template.latestVersion },
    select: versionSelect,
  });
  return { ...template, latest: toVersionView(latest) };
}

export async function getVersion(actor: Actor, versionId: string): Promise<ScorecardVersionView> {
  const row = await getDb().scorecardVersion.findFirst({
    where: { id: versionId, tenantId: actor.tenantId },
    select: versionSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Scorecard version not found");
  return toVersionView(row);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Creates a template (version 1) or adds the next version of one; an unchanged save adds none. */
export async function saveScorecard(actor: Actor, raw: SaveScorecardInput) {
  const input = saveScorecardInput.parse(raw);
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (!input.templateId) {
        const template = await tx.scorecardTemplate.create({
          data: { tenantId: actor.tenantId, name: input.name },
          select: { id: true },
        });
        const version = await tx.scorecardVersion.create({
          data: {
            tenantId: actor.tenantId,
            templateId: template.id,
            version: 1,
            name: input.name,
            passThreshold: input.passThreshold,
            content: input.content,
            createdById: actor.userId,
          },
          select: { id: true },
        });
        await writeAudit(tx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: "quality.scorecard.create",
          targetType: "scorecard",
          targetId: template.id,
          data: { name: input.name, versionId: version.id },
          ip: actor.ip,
        });
        return { templateId: template.id, versionId: version.id, version: 1, isNewVersion: true };
      }
      // Locks the template row: two editors saving at once get versions n+1 and n+2.
      const locked = await tx.$queryRaw<Array<{ latest: number }>>`
        SELECT latest_version AS latest FROM scorecard_templates
        WHERE id = ${input.templateId}::uuid AND tenant_id = ${actor.tenantId}::uuid FOR UPDATE`;
      const latest = locked[0]?.latest;
      if (latest === undefined) throw new AppError("NOT_FOUND", "Scorecard not found");
      const current = await tx.scorecardVersion.findFirstOrThrow({
        where: { tenantId: actor.tenantId, templateId: input.templateId, version: latest },
        select: versionSelect,
      });
      const before = toVersionView(current);
      const diff = diffVersions(before.content, input.content, {
        before: before.passThreshold,
        after: input.passThreshold,
      });
      if (diff.isSame && before.name === input.name)
        return {
          templateId: input.templateId,
          versionId: before.id,
          version: latest,
          isNewVersion: false,
        };
      const next = latest + 1;
      const version = await tx.scorecardVersion.create({
        data: {
          tenantId: actor.tenantId,
          templateId: input.templateId,
          version: next,
          name: input.name,
          passThreshold: input.passThreshold,
          content: input.content,
          createdById: actor.userId,
        },
        select: { id: true },
      });
      await tx.scorecardTemplate.update({
        where: { id: input.templateId },
        data: { name: input.name, latestVersion: next },
      });
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "quality.scorecard.version",
        targetType: "scorecard",
        targetId: input.templateId,
        data: {
          version: next,
          versionId: version.id,
          added: diff.added,
          removed: diff.removed,
          changed: diff.changed,
        },
        ip: actor.ip,
      });
      return {
        templateId: input.templateId,
        versionId: version.id,
        version: next,
        isNewVersion: true,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "A scorecard with this name already exists", {
        fields: { name: ["taken"] },
      });
    throw error;
  }
}

export async function setTemplateArchived(actor: Actor, templateId: string, isArchived: boolean) {
  return getDb().$transaction(async (tx) => {
    const updated = await tx.scorecardTemplate.updateMany({
      where: { id: templateId, tenantId: actor.tenantId },
      data: { isArchived },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "Scorecard not found");
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: isArchived ? "quality.scorecard.archive" : "quality.scorecard.restore",
      targetType: "scorecard",
      targetId: templateId,
      ip: actor.ip,
    });
    return { templateId, isArchived };
  });
}
