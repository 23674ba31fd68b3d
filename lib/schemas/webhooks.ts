import { z } from "zod";

// Outgoing webhooks (Settings → Webhooks) and the CRM lookup of routing: shared by the forms and
// the procedures. Payloads are described in server/webhooks/payload-schemas.ts (the OpenAPI).

/** The version of every payload's shape; a breaking change gets a new number. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export const webhookEventTypes = [
  "call.started",
  "call.ringing",
  "call.answered",
  "call.ended",
  "recording.ready",
  "task.created",
  "task.closed",
  "client.assigned",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** Sent only by "Send test event", to one endpoint, whatever it subscribed to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_URL_MAX = 2000;

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, { error: "required" })
  .max(WEBHOOK_URL_MAX, { error: "too_long" })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username;
      } catch {
        return false;
      }
    },
    { error: "invalid_url" },
  );

const endpointFields = {
  url: webhookUrlSchema,
  description: z.string().trim().max(200, { error: "too_long" }),
  events: z
    .array(z.enum(webhookEventTypes))
    .min(1, { error: "events_required" })
    .transform((events) => [...new Set(events)]),
};

export const createWebhookInput = z.object({ ...endpointFields, isEnabled: z.boolean() });
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z.object({ endpointId: z.uuid(), ...endpointFields });
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const webhookIdInput = z.object({ endpointId: z.uuid() });
export const setWebhookEnabledInput = z.object({ endpointId: z.uuid(), isEnabled: z.boolean() });

export const webhookDeliveriesInput = z.object({
  endpointId: z.uuid(),
  status: z.enum(["all", "failed", "pending", "succeeded"]).default("all"),
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const webhookDeliveryIdInput = z.object({ deliveryId: z.uuid() });

// ── CRM lookup (routing's "ask the CRM") ──────────────────────────────────────────────────
export const saveCrmLookupInput = z.object({ url: webhookUrlSchema });
export type SaveCrmLookupInput = z.infer<typeof saveCrmLookupInput>;
