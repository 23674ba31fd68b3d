import { z } from "zod";
import { REPORT_MAX_DAYS } from "@/lib/schemas/reports";
import { publicErrorCodes } from "@/lib/errors";
import { dialablePhoneSchema } from "@/lib/schemas/control";

/** Named shapes of the public API: rendered as components/schemas of the OpenAPI document. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

// One definition per request and response shape: handlers validate with these and
// openapi.ts renders them with z.toJSONSchema, so the document cannot drift from the code.

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(publicErrorCodes),
      message: z.string().meta({ description: "A sentence for people; do not parse it" }),
      details: z
        .object({
          fields: z
            .record(z.string(), z.array(z.string()))
            .optional()
            .meta({ description: 'Per field path ("phones.0"): stable error codes' }),
        })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .register(apiSchemas, { id: "Error" });

const isoInstant = z.iso.datetime({ offset: true, error: "invalid_datetime" });
const nullableInstant = z.iso.datetime({ offset: true }).nullable();

const limit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: "invalid_number" })
    .int({ error: "invalid_number" })
    .min(1, { error: "too_small" })
    .max(max, { error: "too_big" })
    .default(fallback)
    .meta({ description: `Page size, 1–${max}` });

const cursor = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({ description: "nextCursor of the previous page" });

// ── managers ───────────────────────────────────────────────────────────────────────────────
export const managerStatusSchema = z.enum(["available", "on_call", "ringing", "break", "offline"]);

export const managerSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    workplaceId: z
      .string()
      .nullable()
      .meta({ description: "The PBX's workplace id (as in MTT Business), null if none linked" }),
    status: managerStatusSchema,
  })
  .register(apiSchemas, { id: "Manager" });

export const managersResponse = z
  .object({ managers: z.array(managerSchema) })
  .register(apiSchemas, { id: "ManagerList" });

// ── calls ──────────────────────────────────────────────────────────────────────────────────
export const CALLS_MAX_LIMIT = 500;

export const callsQuery = z
  .object({
    since: isoInstant.meta({ description: "Calls that started at or after this instant" }),
    until: isoInstant.optional().meta({ description: "…and before this instant" }),
    cursor,
    limit: limit(CALLS_MAX_LIMIT, 100),
  })
  .refine((q) => !q.until || Date.parse(q.until) > Date.parse(q.since), {
    error: "until_before_since",
    path: ["until"],
  });

export const recordingSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["pending", "downloading", "ready", "failed", "deleted"]),
    durationSec: z.number().int().nullable(),
    format: z.string().nullable(),
    url: z.string().meta({ description: "GET with the same API key; supports Range" }),
  })
  .register(apiSchemas, { id: "RecordingSummary" });

export const routingDecisionSchema = z
  .object({
    outcome: z.enum(["transfer_workplace", "transfer_number", "release", "timeout", "error"]),
    target: z
      .string()
      .nullable()
      .meta({ description: "PBX workplace id or phone number the call was sent to" }),
    explanation: z.array(z.string()),
    ruleId: z.uuid().nullable(),
  })
  .register(apiSchemas, { id: "RoutingDecision" });

export const callSchema = z
  .object({
    id: z.uuid(),
    callId: z.string().meta({ description: "The PBX's call id" }),
    direction: z.enum(["in", "out", "internal"]),
    from: z.string(),
    to: z.string(),
    startedAt: z.iso.datetime({ offset: true }),
    answeredAt: nullableInstant,
    endedAt: nullableInstant,
    result: z.enum(["answered", "missed", "busy", "failed"]).nullable(),
    talkSec: z.number().int().nullable(),
    managerEmail: z.string().nullable(),
    clientId: z.uuid().nullable(),
    routing: routingDecisionSchema.nullable(),
    recordings: z.array(recordingSummarySchema),
  })
  .register(apiSchemas, { id: "Call" });

export const callsResponse = z
  .object({ calls: z.array(callSchema), nextCursor: z.string().nullable() })
  .register(apiSchemas, { id: "CallPage" });

export const placeCallBody = z
  .strictObject({
    managerEmail: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "invalid_email" }))
      .optional()
      .meta({ description: "The manager whose phone rings first (a user of your organization)" }),
    workplaceId: z
      .string()
      .trim()
      .min(1, { error: "required" })
      .max(100, { error: "too_long" })
      .optional()
      .meta({ description: "…or the PBX's workplace id (as in /api/v1/managers)" }),
    to: dialablePhoneSchema.meta({
      description:
        'The client\'s number, dialled once the manager answers ("8 916 123-45-67" is accepted)',
    }),
  })
  .refine((b) => (b.managerEmail === undefined) !== (b.workplaceId === undefined), {
    error: "manager_or_workplace",
    path: ["managerEmail"],
  })
  .meta({ example: { managerEmail: "olga@example.com", to: "+79161234567" } })
  .register(apiSchemas, { id: "CallCreate" });

export const placedCallSchema = z
  .object({
    callId: z.string().meta({
      description:
        "The PBX's call id: the call's webhooks and /api/v1/calls carry it as callId once it rings",
    }),
    workplaceId: z.string().meta({ description: "The PBX workplace that rings first" }),
    managerEmail: z.string().nullable(),
    to: z.string().meta({ description: "E.164" }),
  })
  .meta({
    example: {
      callId: "c-7f3a9e",
      workplaceId: "wp-101",
      managerEmail: "olga@example.com",
      to: "+79161234567",
    },
  })
  .register(apiSchemas, { id: "PlacedCall" });

// ── clients ────────────────────────────────────────────────────────────────────────────────
export const clientIdParams = z.object({ id: z.uuid({ error: "invalid_id" }) });

export const clientsQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100, { error: "too_long" })
    .optional()
    .meta({ description: "Any part of a name, company, email or phone number" }),
  cursor: z.uuid({ error: "invalid_cursor" }).optional().meta({
    description: "nextCursor of the previous page",
  }),
  limit: limit(100, 50),
});

// Shapes only; the clients domain schema (lib/schemas/clients.ts) then normalises the phones
// and applies the same rules as the console's client form.
const clientBodyFields = {
  name: z.string({ error: "required" }).max(200, { error: "too_long" }),
  company: z.string().max(200, { error: "too_long" }).nullish(),
  email: z.string().max(254, { error: "too_long" }).nullish(),
  phones: z
    .array(z.string().max(40, { error: "too_long" }))
    .max(10, { error: "too_many_phones" })
    .meta({ description: 'Phone numbers; "+7 916 123-45-67", "8 (916) 123-45-67" are accepted' }),
  managerEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "invalid_email" }))
    .nullish()
    .meta({ description: "Email of the personal manager (a user of your organization)" }),
  tags: z.array(z.string().max(40, { error: "too_long" })).max(20, { error: "too_many_tags" }),
  isVip: z.boolean(),
  notes: z.string().max(5000, { error: "too_long" }).nullish(),
};

export const createClientBody = z
  .strictObject({
    ...clientBodyFields,
    phones: clientBodyFields.phones.default([]),
    tags: clientBodyFields.tags.optional(),
    isVip: clientBodyFields.isVip.optional(),
  })
  .register(apiSchemas, { id: "ClientCreate" });

export const updateClientBody = z
  .strictObject({
    name: clientBodyFields.name.optional(),
    company: clientBodyFields.company,
    email: clientBodyFields.email,
    phones: clientBodyFields.phones
      .optional()
      .meta({ description: "Replaces the whole list when present" }),
    managerEmail: clientBodyFields.managerEmail,
    tags: clientBodyFields.tags.optional(),
    isVip: clientBodyFields.isVip.optional(),
    notes: clientBodyFields.notes,
  })
  .refine((body) => Object.keys(body).length > 0, { error: "empty_update" })
  .register(apiSchemas, { id: "ClientUpdate" });

export const apiClientSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    company: z.string().nullable(),
    email: z.string().nullable(),
    phones: z.array(z.string()).meta({ description: "E.164" }),
    tags: z.array(z.string()),
    isVip: z.boolean(),
    isArchived: z.boolean(),
    managerEmail: z.string().nullable().meta({ description: "The personal manager" }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .register(apiSchemas, { id: "Client" });

export const clientsResponse = z
  .object({ clients: z.array(apiClientSchema), nextCursor: z.string().nullable() })
  .register(apiSchemas, { id: "ClientPage" });

// ── reports ────────────────────────────────────────────────────────────────────────────────
const localDate = z.iso.date({ error: "invalid_date" });

export const reportQuery = z
  .object({
    from: localDate.meta({
      description: "First day (YYYY-MM-DD, in your organization's time zone)",
    }),
    to: localDate.meta({ description: "Last day, inclusive" }),
  })
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "to_before_from" });
    else if (days >= REPORT_MAX_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "range_too_long" });
  });

const rate = z
  .number()
  .nullable()
  .meta({ description: "0…1, null when there is nothing to divide" });

export const managerReportRowSchema = z
  .object({
    email: z.string().nullable().meta({ description: "null: calls that reached no manager" }),
    name: z.string().nullable(),
    incoming: z.number().int(),
    outgoing: z.number().int(),
    answered: z.number().int(),
    missed: z.number().int(),
    answerRate: rate,
    avgAnswerSec: z.number().nullable(),
    talkSec: z.number().int(),
    serviceLevel: rate,
    callbackRate: rate,
  })
  .register(apiSchemas, { id: "ManagerReportRow" });

export const managerReportResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    serviceLevelSec: z.number().int(),
    managers: z.array(managerReportRowSchema),
  })
  .register(apiSchemas, { id: "ManagerReport" });

// ── recordings ─────────────────────────────────────────────────────────────────────────────
export const recordingQuery = z.object({
  file: z
    .string()
    .regex(/^\d{1,3}$/, { error: "invalid_number" })
    .optional()
    .meta({ description: "Which file of a call split into several (0-based); default 0" }),
  download: z
    .enum(["1"], { error: "invalid_value" })
    .optional()
    .meta({ description: "1 = attachment with a readable file name" }),
});
