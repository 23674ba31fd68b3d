import { z } from "zod";
import type {
  CallTarget,
  PbxActiveCall,
  PbxCallRecord,
  PbxNumber,
  PbxRecording,
  PbxStructure,
  PbxTerminal,
  PbxWorkplace,
  RecordingFileInfo,
} from "@/server/mtt/types";

// MTT's wire format as assumed in docs/mtt-open-api.md §2, parsed straight into domain shapes.
// Liberal on shape details (extra fields ignored, numeric ids become strings, null = absent),
// strict on what Pult acts on (ids, call enums, timestamps).

export const DEFAULT_PARK_TIMEOUT_MS = 5000;
// Bounds on what is stored and indexed: a PostgreSQL btree key holds at most ~2.7 kB, and
// durations go into integer columns. Real values are far inside them (ids are UUIDs or short
// numbers; a park lasts seconds).
export const WIRE_ID_MAX = 128;
export const WIRE_PHONE_MAX = 64;
export const MAX_PARK_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_CALL_SECONDS = 31 * 24 * 3600;
const MAX_RECORDING_FILES = 100;

const SETTINGS_SECTIONS = ["workplaces", "terminals", "numbers"] as const;
const TERMINAL_KINDS = ["sip", "app", "mobile", "forward"] as const;
const DISTRIBUTIONS = ["all", "serial", "random"] as const;
const NUMBER_KINDS = ["city", "tollfree", "mobile"] as const;
const CALL_RESULTS = ["answered", "missed", "busy", "failed"] as const;
const DIRECTIONS = ["incoming", "outgoing"] as const;

/**
 * Normalises what the PBX sends as a phone number: Russian 11-digit numbers with a leading
 * 8 or 7 (and 10-digit national ones) become "+7…". Extensions, "anonymous" and other
 * non-numbers pass through unchanged. Shape only, no metadata (it runs for every notification);
 * lib/phone.test.ts checks it agrees with lib/phone.ts on every number that one accepts.
 */
export function normalizePbxPhone(raw: string): string {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return `+${digits}`;
  // "00" dials abroad; no Russian number starts with 0.
  if (digits.startsWith("00") && digits.length > 2) return `+${digits.slice(2)}`;
  if (digits.length === 11 && (digits.startsWith("8") || digits.startsWith("7"))) {
    return `+7${digits.slice(1)}`;
  }
  if (digits.length === 10) return `+7${digits}`;
  // "810" is the old Russian international prefix.
  if (digits.startsWith("810") && digits.length > 11) return `+${digits.slice(3)}`;
  if (digits.length >= 12 && digits.length <= 15) return `+${digits}`;
  return digits;
}

export const wireId = z
  .union([z.string().min(1).max(WIRE_ID_MAX), z.number().int().nonnegative()])
  .transform((v) => String(v));
const optionalWireId = wireId.nullish().transform((v) => v ?? undefined);
const wireText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));
// Key required, but empty or null is fine: anonymous callers have no number.
const phone = z
  .union([z.string().max(WIRE_PHONE_MAX), z.number(), z.null()])
  .transform((v) => (v === null ? "" : normalizePbxPhone(String(v))));
const optionalPhone = z
  .union([z.string().min(1).max(WIRE_PHONE_MAX), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : normalizePbxPhone(String(v))));
const timestamp = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const optionalTimestamp = timestamp.nullish().transform((v) => v ?? undefined);
const seconds = z.number().nonnegative().max(MAX_CALL_SECONDS);
// Call durations are whole seconds in Pult; the PBX may send fractions.
const wholeSeconds = seconds.transform((v) => Math.round(v));
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** Values newer than our contract become "other" so one odd item does not fail a whole sync. */
function lenientEnum<T extends string>(values: readonly T[]) {
  return z
    .unknown()
    .optional()
    .transform((v): T | "other" => values.find((x) => x === v) ?? "other");
}

const recordingFile = z
  .object({
    url: z.string().min(1),
    format: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(["mp3", "wav"])),
    durationSec: seconds,
    sizeBytes: z.number().int().nonnegative(),
  })
  .transform((f): RecordingFileInfo => f);

// ---- method results (§2.1) ----

const terminal = z
  .object({
    id: wireId,
    kind: lenientEnum(TERMINAL_KINDS),
    label: wireText,
    address: wireText,
  })
  .transform((t): PbxTerminal => ({
    externalId: t.id,
    kind: t.kind,
    label: t.label,
    address: t.address,
  }));

const workplace = z
  .object({
    id: wireId,
    name: wireText,
    extension: wireText,
    distribution: lenientEnum(DISTRIBUTIONS),
    terminals: z
      .array(terminal)
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((w): PbxWorkplace => ({
    externalId: w.id,
    name: w.name,
    extension: w.extension,
    distribution: w.distribution,
    terminals: w.terminals,
  }));

const pbxNumber = z
  .object({
    number: z.union([z.string().min(1), z.number()]).transform((v) => normalizePbxPhone(String(v))),
    kind: lenientEnum(NUMBER_KINDS),
    label: wireText,
    parking: flag,
    workplaceIds: z
      .array(wireId)
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((n): PbxNumber => ({
    e164: n.number,
    kind: n.kind,
    label: n.label,
    parking: n.parking,
    workplaceExternalIds: n.workplaceIds,
  }));

// The lists stay required: defaulting a missing list to [] would make a sync delete everything.
export const structureResultSchema = z
  .object({ version: wireText, workplaces: z.array(workplace), numbers: z.array(pbxNumber) })
  .transform((s): PbxStructure => s);

export const makeCallResultSchema = z
  .object({ callId: wireId })
  .transform((r): { callId: string } => r);

export const okResultSchema = z.object({ ok: z.literal(true) }).transform((): void => undefined);

export const recordingResultSchema = z
  .object({ recordingId: wireId, files: z.array(recordingFile) })
  .transform((r): PbxRecording => r);

const callRecord = z
  .object({
    callId: wireId,
    direction: z.enum(DIRECTIONS),
    from: phone,
    to: phone,
    startedAt: timestamp,
    answeredAt: optionalTimestamp,
    endedAt: timestamp,
    result: lenientEnum(CALL_RESULTS),
    workplaceId: optionalWireId,
  })
  .transform((c): PbxCallRecord => c);

export const callsResultSchema = z
  .object({
    calls: z.array(callRecord),
    nextCursor: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v) => (v === null || v === undefined || v === "" ? undefined : String(v))),
  })
  .transform((r): { calls: PbxCallRecord[]; nextCursor?: string } => r);

const ACTIVE_STATES = ["parked", "ringing", "talking"] as const;

export const activeCallsResultSchema = z
  .object({
    calls: z.array(
      z
        .object({ callId: wireId, state: lenientEnum(ACTIVE_STATES), startedAt: timestamp })
        .transform((c): PbxActiveCall => c),
    ),
  })
  .transform((r): { calls: PbxActiveCall[] } => r);

export const rpcResponseSchema = z.object({
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  result: z.unknown().optional(),
  error: z
    .object({
      code: z.number().int(),
      message: z.string().catch(""),
      data: z.unknown().optional(),
    })
    .nullish(),
});

// ---- notifications (§2.2) ----

export const notificationEnvelopeSchema = z.object({
  id: wireId,
  type: z.string().min(1).max(64),
  occurredAt: timestamp,
});

const callTarget = z
  .object({ workplaceId: optionalWireId, number: optionalPhone })
  .transform((t, ctx): CallTarget => {
    if (t.workplaceId !== undefined && t.number === undefined)
      return { workplaceId: t.workplaceId };
    if (t.number !== undefined && t.workplaceId === undefined) return { number: t.number };
    ctx.addIssue({ code: "custom", message: "needs exactly one of workplaceId or number" });
    return z.NEVER;
  });

const notificationData = {
  settingsChanged: z.object({
    // Absent sections: resync everything rather than nothing.
    sections: z
      .array(lenientEnum(SETTINGS_SECTIONS))
      .nullish()
      .transform((v) => v ?? [...SETTINGS_SECTIONS]),
  }),
  callStarted: z.object({
    callId: wireId,
    direction: z.enum(DIRECTIONS),
    from: phone,
    to: phone,
    workplaceId: optionalWireId,
    parked: flag,
    parkTimeoutMs: z
      .number()
      .positive()
      .max(MAX_PARK_TIMEOUT_MS)
      .nullish()
      .transform((v) => v ?? DEFAULT_PARK_TIMEOUT_MS),
  }),
  callDelivered: z.object({ callId: wireId, workplaceId: wireId }),
  callAnswered: z.object({
    callId: wireId,
    workplaceId: wireId,
    party: z.enum(["workplace", "remote"]),
  }),
  callRedirected: z.object({
    callId: wireId,
    fromWorkplaceId: wireId,
    reason: z.enum(["noAnswer", "busy", "transfer", "unavailable"]),
    to: callTarget,
  }),
  callEnded: z.object({
    callId: wireId,
    result: z.enum(CALL_RESULTS),
    durationSec: wholeSeconds.nullish().transform((v) => v ?? 0),
    talkSec: wholeSeconds.nullish().transform((v) => v ?? 0),
    hasRecording: flag,
  }),
  recordingReady: z.object({
    callId: wireId,
    recordingId: wireId,
    files: z.array(recordingFile).max(MAX_RECORDING_FILES),
  }),
};

// Ids Pult makes up for events the PBX never sent put a prefix and suffix around a call id
// ("reconciled:<callId>:callStarted", "closed:<callId>"); they are stored and read back too.
const notificationId = z
  .union([
    z
      .string()
      .min(1)
      .max(WIRE_ID_MAX + 32),
    z.number().int().nonnegative(),
  ])
  .transform((v) => String(v));

function event<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ id: notificationId, type: z.literal(type), occurredAt: timestamp, data });
}

export const notificationSchema = z.discriminatedUnion("type", [
  event("settingsChanged", notificationData.settingsChanged),
  event("callStarted", notificationData.callStarted),
  event("callDelivered", notificationData.callDelivered),
  event("callAnswered", notificationData.callAnswered),
  event("callRedirected", notificationData.callRedirected),
  event("callEnded", notificationData.callEnded),
  event("recordingReady", notificationData.recordingReady),
]);

export const NOTIFICATION_TYPES = Object.keys(notificationData);

// ---- parsing helpers ----

type ParseOutcome<T> = { ok: true; data: T } | { ok: false; reason: string };

/** One line naming the failing fields, e.g. "data.callId: required; data.to: required". */
export function summarizeIssues(error: z.ZodError, prefix?: string): string {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return `${path || "(root)"}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : "";
  return lines.join("; ") + more;
}

export function parseWire<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix?: string,
): ParseOutcome<T> {
  const result = schema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? "required" : undefined),
  });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, reason: summarizeIssues(result.error, prefix) };
}
