import { z } from "zod";
import type { RoutingStep } from "@/lib/schemas/routing";
import type {
  LiveCall,
  ManagerStatus,
  ManagerStatusPatch,
  PushedCallPatch,
} from "@/lib/realtime/events";

// Socket.IO carries JSON, so dates arrive as ISO strings: parse each payload once here
// before it touches the query cache (which holds real Dates, like tRPC's superjson output).
const ref = z.object({ id: z.string(), name: z.string() });
const date = z.coerce.date();
const routingSchema = z
  .object({
    outcome: z.enum(["TRANSFER_WORKPLACE", "TRANSFER_NUMBER", "RELEASE", "TIMEOUT", "ERROR"]),
    steps: z.array(z.custom<RoutingStep>((v) => typeof v === "object" && v !== null)),
  })
  .nullable();

export const liveCallSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  direction: z.enum(["IN", "OUT", "INTERNAL"]),
  fromNumber: z.string(),
  toNumber: z.string(),
  state: z.enum(["PARKED", "RINGING", "TALKING", "ON_HOLD", "ENDED"]),
  result: z.enum(["ANSWERED", "MISSED", "BUSY", "FAILED"]).nullable(),
  startedAt: date,
  ringingAt: date.nullable(),
  answeredAt: date.nullable(),
  endedAt: date.nullable(),
  isClickToCall: z.boolean(),
  // Which fold write the call is as of: an older push never replaces a newer row.
  foldVersion: z.number().int().nonnegative(),
  workplace: ref.nullable(),
  manager: ref.nullable(),
  client: ref.extend({ company: z.string().nullable(), isVip: z.boolean() }).nullable(),
  numberLabel: z.string().nullable(),
  // Steps are rendered by kind; unknown ones are ignored by the board.
  routing: routingSchema.default(null),
}) satisfies z.ZodType<LiveCall>;

/** A supervisors' frame entry with only the fields that changed since `baseVersion`. */
export type CallPatch = Omit<PushedCallPatch, "eventIds">;
export type CallUpdate = LiveCall | CallPatch;

// No defaults here: a field the patch leaves out is one that did not change.
const callPatchSchema = liveCallSchema
  .omit({ routing: true })
  .partial()
  .extend({
    id: z.string(),
    foldVersion: z.number().int().nonnegative(),
    baseVersion: z.number().int().nonnegative(),
    routing: routingSchema.optional(),
  }) satisfies z.ZodType<CallPatch>;

export const isCallPatch = (update: CallUpdate): update is CallPatch => "baseVersion" in update;

export const managerStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  workplace: ref.nullable(),
  presence: z.enum(["AVAILABLE", "BREAK", "OFFLINE"]),
  activity: z.enum(["idle", "ringing", "talking"]),
  today: z.object({ answered: z.number(), missed: z.number(), talkSec: z.number() }),
}) satisfies z.ZodType<ManagerStatus>;

export const callRingingSchema = z.object({ call: liveCallSchema });

export function parseLiveCall(payload: unknown): LiveCall | null {
  const result = liveCallSchema.safeParse(payload);
  return result.success ? result.data : null;
}

/** An entry of call:updated or calls:updated: a call in full, or a patch of one. */
export function parseCallUpdate(payload: unknown): CallUpdate | null {
  const isPatch = typeof payload === "object" && payload !== null && "baseVersion" in payload;
  const result = (isPatch ? callPatchSchema : liveCallSchema).safeParse(payload);
  return result.success ? result.data : null;
}

export function parseManagerStatus(payload: unknown): ManagerStatus | null {
  const result = managerStatusSchema.safeParse(payload);
  return result.success ? result.data : null;
}

const managerPatchSchema = managerStatusSchema
  .partial()
  .extend({ id: z.string() }) satisfies z.ZodType<ManagerStatusPatch>;

/** One entry of managers:updated: the id and the fields that changed. */
export function parseManagerPatch(payload: unknown): ManagerStatusPatch | null {
  const result = managerPatchSchema.safeParse(payload);
  return result.success ? result.data : null;
}
