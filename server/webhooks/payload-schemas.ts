import { z } from "zod";
import {
  WEBHOOK_PAYLOAD_VERSION,
  WEBHOOK_TEST_EVENT,
  type WebhookEventType,
} from "@/lib/schemas/webhooks";
import { apiSchemas, routingDecisionSchema } from "@/server/api-v1/schemas";

// The bodies Pult POSTs to webhook endpoints: rendered into the OpenAPI document's `webhooks`
// section (server/api-v1/openapi.ts), and what payloads.ts builds (typed by these).

const instant = z.iso.datetime({ offset: true });

export const webhookPersonSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    workplaceId: z
      .string()
      .nullable()
      .meta({ description: "The PBX's workplace id of the manager, null if none linked" }),
  })
  .register(apiSchemas, { id: "WebhookManager" });

export const webhookCallSchema = z
  .object({
    id: z.uuid().meta({ description: "Pult's call id (as in /api/v1/calls)" }),
    callId: z.string().meta({ description: "The PBX's call id (POST /api/v1/calls returns it)" }),
    direction: z.enum(["in", "out", "internal"]),
    state: z.enum(["parked", "ringing", "talking", "on_hold", "ended"]),
    from: z.string(),
    to: z.string(),
    startedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant.nullable(),
    result: z.enum(["answered", "missed", "busy", "failed"]).nullable(),
    durationSec: z
      .number()
      .int()
      .nullable()
      .meta({ description: "From start to end; null until the call ends" }),
    waitSec: z
      .number()
      .int()
      .nullable()
      .meta({ description: "From start to the answer; null if not answered" }),
    talkSec: z.number().int().nullable(),
    isClickToCall: z.boolean(),
    isEndReported: z
      .boolean()
      .meta({ description: "False when Pult closed a call whose end the PBX never reported" }),
    manager: webhookPersonSchema.nullable(),
    client: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    routing: routingDecisionSchema.nullable(),
  })
  .register(apiSchemas, { id: "WebhookCall" });

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    id: z.string().meta({ description: "The webhook-id header: the same on every retry" }),
    type: z.literal(type),
    version: z.literal(WEBHOOK_PAYLOAD_VERSION),
    timestamp: instant.meta({ description: "When it happened" }),
    data,
  });

const sequence = z.number().int().meta({
  description:
    "Grows with every event of the same call (gaps allowed): order a call's events by it",
});

const callData = z.object({ sequence, call: webhookCallSchema });

export const callEventSchema = (type: "call.started" | "call.answered" | "call.ended") =>
  envelope(type, callData);

export const callRingingSchema = envelope(
  "call.ringing",
  callData.extend({
    workplaceId: z.string().nullable().meta({ description: "The PBX workplace that rings" }),
    manager: webhookPersonSchema.nullable().meta({ description: "Whose phone rings" }),
  }),
);

export const recordingReadySchema = envelope(
  "recording.ready",
  z.object({
    sequence,
    call: z.object({ id: z.uuid(), callId: z.string() }),
    recording: z.object({
      id: z.uuid(),
      durationSec: z.number().int().nullable(),
      format: z.string().nullable(),
      files: z.number().int(),
      url: z.string().meta({ description: "GET with an API key (Bearer); supports Range" }),
    }),
  }),
);

export const webhookTaskSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(["callback", "other"]),
    status: z.enum(["open", "done", "cancelled"]),
    phone: z.string().nullable(),
    note: z.string().nullable(),
    clientId: z.uuid().nullable(),
    callId: z.uuid().nullable().meta({ description: "The missed call it is about" }),
    assignee: webhookPersonSchema.nullable(),
    dueAt: instant.nullable(),
    createdAt: instant,
    closedAt: instant.nullable(),
    closedByCallId: z.uuid().nullable(),
  })
  .register(apiSchemas, { id: "WebhookTask" });

export const taskEventSchema = (type: "task.created" | "task.closed") =>
  envelope(type, z.object({ task: webhookTaskSchema }));

export const clientAssignedSchema = envelope(
  "client.assigned",
  z.object({
    client: z.object({ id: z.uuid(), name: z.string(), phones: z.array(z.string()) }),
    manager: webhookPersonSchema.nullable().meta({ description: "The new personal manager" }),
    previousManager: webhookPersonSchema.nullable(),
    until: instant.nullable().meta({ description: "A temporary assignment ends then" }),
  }),
);

export const testEventSchema = envelope(
  WEBHOOK_TEST_EVENT,
  z.object({ message: z.string(), endpointId: z.uuid() }),
);

/** Event type → its body schema, for the OpenAPI `webhooks` section. */
const bodies = {
  "call.started": callEventSchema("call.started"),
  "call.ringing": callRingingSchema,
  "call.answered": callEventSchema("call.answered"),
  "call.ended": callEventSchema("call.ended"),
  "recording.ready": recordingReadySchema,
  "task.created": taskEventSchema("task.created"),
  "task.closed": taskEventSchema("task.closed"),
  "client.assigned": clientAssignedSchema,
  [WEBHOOK_TEST_EVENT]: testEventSchema,
} satisfies Record<WebhookEventType | typeof WEBHOOK_TEST_EVENT, z.ZodType>;

/** The component id of an event's body ("call.ended" → "WebhookCallEnded"). */
export const webhookSchemaId = (type: string) =>
  `Webhook${type
    .split(/[._]/)
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join("")}`;

for (const [type, schema] of Object.entries(bodies))
  schema.register(apiSchemas, { id: webhookSchemaId(type), description: `The body of ${type}` });

export const webhookPayloadSchemas: Readonly<Record<string, z.ZodType>> = bodies;

export type WebhookCall = z.input<typeof webhookCallSchema>;
export type WebhookPerson = z.input<typeof webhookPersonSchema>;
export type WebhookTask = z.input<typeof webhookTaskSchema>;
