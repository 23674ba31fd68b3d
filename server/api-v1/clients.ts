import { type z } from "zod";
import { createClientInput, phoneSchema, updateClientInput } from "@/lib/schemas/clients";
import { createClient, listClients, updateClient } from "@/server/clients/clients";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { ApiError, fieldErrorsOf } from "@/server/api-v1/errors";
import type { ApiContext } from "@/server/api-v1/handler";
import type {
  apiClientSchema,
  clientsQuery,
  clientsResponse,
  createClientBody,
  updateClientBody,
} from "@/server/api-v1/schemas";

type ApiClient = z.input<typeof apiClientSchema>;

const apiClientSelect = {
  id: true,
  name: true,
  company: true,
  email: true,
  tags: true,
  isVip: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  personalManager: { select: { email: true } },
  phones: { select: { e164: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.ClientSelect;

type ApiClientRow = Prisma.ClientGetPayload<{ select: typeof apiClientSelect }>;

function toApiClient(row: ApiClientRow): ApiClient {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    phones: row.phones.map((p) => p.e164),
    tags: row.tags,
    isVip: row.isVip,
    isArchived: row.archivedAt !== null,
    managerEmail: row.personalManager?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// The domain speaks of personalManagerId and {phone, label} rows; the API of managerEmail and
// plain strings. Field paths in errors follow the API's names.
function apiFieldName(path: string): string {
  if (path === "personalManagerId") return "managerEmail";
  const phone = /^phones\.(\d+)(\.phone)?$/.exec(path);
  return phone ? `phones.${phone[1]}` : path;
}

function renameFields(fields: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fields))
    (out[apiFieldName(path)] ??= []).push(...messages);
  return out;
}

function parseDomainInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiError("VALIDATION", "The request is invalid", {
    fields: renameFields(fieldErrorsOf(parsed.error)),
  });
}

async function resolveManagerId(tenantId: string, email: string | null): Promise<string | null> {
  if (email === null) return null;
  const user = await getDb().user.findFirst({
    where: { tenantId, email, status: { not: "DISABLED" } },
    select: { id: true },
  });
  if (!user) {
    throw new ApiError("VALIDATION", `No active user with the email ${email}`, {
      fields: { managerEmail: ["unknown_manager"] },
    });
  }
  return user.id;
}

/** 409 naming the client that already has one of these numbers (phones are unique per company). */
async function assertPhonesFree(
  tenantId: string,
  phones: readonly string[],
  exceptClientId: string | null,
): Promise<void> {
  if (phones.length === 0) return;
  const taken = await getDb().clientPhone.findFirst({
    where: {
      tenantId,
      e164: { in: [...phones] },
      ...(exceptClientId ? { clientId: { not: exceptClientId } } : {}),
    },
    select: { e164: true, clientId: true },
  });
  if (!taken) return;
  throw new ApiError("CONFLICT", `The number ${taken.e164} already belongs to another client`, {
    clientId: taken.clientId,
    phone: taken.e164,
    fields: { [`phones.${phones.indexOf(taken.e164)}`]: ["phone_taken"] },
  });
}

// The clients domain writes its audit rows with no actor for API calls; mark them as this key's.
async function attributeAuditToKey(ctx: ApiContext, clientId: string, since: Date): Promise<void> {
  await getDb().auditLog.updateMany({
    where: {
      tenantId: ctx.principal.tenantId,
      targetType: "client",
      targetId: clientId,
      actorUserId: null,
      actorApiKeyId: null,
      createdAt: { gte: since },
    },
    data: { actorApiKeyId: ctx.principal.apiKeyId, ip: ctx.ip },
  });
}

/** Runs a domain write; a phone taken between our check and the write still answers 409. */
async function withPhoneConflict<T>(
  work: () => Promise<T>,
  recheck: () => Promise<void>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION") {
      const fields = error.details?.fieldErrors;
      if (fields && JSON.stringify(fields).includes("phone_taken")) await recheck();
    }
    throw error;
  }
}

async function loadApiClient(tenantId: string, clientId: string): Promise<ApiClient> {
  const row = await getDb().client.findFirst({
    where: { id: clientId, tenantId },
    select: apiClientSelect,
  });
  if (!row) throw new ApiError("NOT_FOUND", "Client not found");
  return toApiClient(row);
}

export function getApiClient(ctx: ApiContext, clientId: string): Promise<ApiClient> {
  return loadApiClient(ctx.principal.tenantId, clientId);
}

/** Search and pages come from the clients domain; we only reshape the rows. */
export async function listApiClients(
  ctx: ApiContext,
  query: z.output<typeof clientsQuery>,
): Promise<z.input<typeof clientsResponse>> {
  const tenantId = ctx.principal.tenantId;
  const page = await listClients(ctx.actor, {
    query: query.q,
    isArchived: false,
    cursor: query.cursor ?? null,
    limit: query.limit,
  });
  const ids = page.items.map((c) => c.id);
  const rows = await getDb().client.findMany({
    where: { tenantId, id: { in: ids } },
    select: apiClientSelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    clients: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toApiClient(row)] : [];
    }),
    nextCursor: page.nextCursor,
  };
}

export async function createApiClient(
  ctx: ApiContext,
  body: z.output<typeof createClientBody>,
): Promise<ApiClient> {
  const tenantId = ctx.principal.tenantId;
  const personalManagerId = await resolveManagerId(tenantId, body.managerEmail ?? null);
  const input = parseDomainInput(createClientInput, {
    name: body.name,
    company: body.company,
    email: body.email,
    tags: body.tags,
    isVip: body.isVip,
    notes: body.notes,
    personalManagerId,
    phones: body.phones.map((phone) => ({ phone })),
  });
  const phones = input.phones.map((p) => p.phone);
  await assertPhonesFree(tenantId, phones, null);
  const startedAt = new Date();
  const created = await withPhoneConflict(
    () => createClient(ctx.actor, input),
    () => assertPhonesFree(tenantId, phones, null),
  );
  await attributeAuditToKey(ctx, created.id, startedAt);
  return loadApiClient(tenantId, created.id);
}

/** PATCH semantics: fields not sent keep their value; phones, when sent, replace the list. */
export async function updateApiClient(
  ctx: ApiContext,
  clientId: string,
  body: z.output<typeof updateClientBody>,
): Promise<ApiClient> {
  const tenantId = ctx.principal.tenantId;
  const current = await getDb().client.findFirst({
    where: { id: clientId, tenantId },
    select: {
      name: true,
      company: true,
      email: true,
      tags: true,
      isVip: true,
      notes: true,
      personalManagerId: true,
      phones: {
        select: { e164: true, label: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!current) throw new ApiError("NOT_FOUND", "Client not found");
  const personalManagerId =
    body.managerEmail === undefined
      ? current.personalManagerId
      : await resolveManagerId(tenantId, body.managerEmail);
  const labels = new Map(current.phones.map((p) => [p.e164, p.label]));
  const phones =
    body.phones === undefined
      ? current.phones.map((p) => ({ phone: p.e164, label: p.label }))
      : body.phones.map((phone) => {
          // Keep the label of a number the client already had, however it is typed now.
          const e164 = phoneSchema.safeParse(phone);
          return { phone, label: e164.success ? (labels.get(e164.data) ?? null) : null };
        });
  const input = parseDomainInput(updateClientInput, {
    clientId,
    name: body.name ?? current.name,
    company: body.company === undefined ? current.company : body.company,
    email: body.email === undefined ? current.email : body.email,
    tags: body.tags ?? current.tags,
    isVip: body.isVip ?? current.isVip,
    notes: body.notes === undefined ? current.notes : body.notes,
    personalManagerId,
    phones,
  });
  const e164s = input.phones.map((p) => p.phone);
  await assertPhonesFree(tenantId, e164s, clientId);
  const startedAt = new Date();
  await withPhoneConflict(
    () => updateClient(ctx.actor, input),
    () => assertPhonesFree(tenantId, e164s, clientId),
  );
  await attributeAuditToKey(ctx, clientId, startedAt);
  return loadApiClient(tenantId, clientId);
}
