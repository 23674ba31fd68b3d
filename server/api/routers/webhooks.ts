import {
  createWebhookInput,
  saveCrmLookupInput,
  setWebhookEnabledInput,
  updateWebhookInput,
  webhookDeliveriesInput,
  webhookDeliveryIdInput,
  webhookIdInput,
} from "@/lib/schemas/webhooks";
import { adminProcedure, router } from "@/server/api/trpc";
import {
  getWebhookDelivery,
  listWebhookDeliveries,
  resendWebhookDelivery,
  sendWebhookTest,
} from "@/server/webhooks/deliveries";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from "@/server/webhooks/endpoints";
import { getCrmLookup, rotateCrmLookupSecret, saveCrmLookup } from "@/server/routing/crm-settings";

export const webhooksRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.actor.tenantId)),
  // create and rotateSecret are the only answers that carry a secret.
  create: adminProcedure
    .input(createWebhookInput)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.actor, input)),
  update: adminProcedure
    .input(updateWebhookInput)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.actor, input)),
  setEnabled: adminProcedure
    .input(setWebhookEnabledInput)
    .mutation(({ ctx, input }) =>
      setWebhookEndpointEnabled(ctx.actor, input.endpointId, input.isEnabled),
    ),
  rotateSecret: adminProcedure
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.actor, input.endpointId)),
  delete: adminProcedure
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.actor, input.endpointId)),
  sendTest: adminProcedure
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => sendWebhookTest(ctx.actor, input.endpointId)),
  deliveries: adminProcedure
    .input(webhookDeliveriesInput)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.actor, input)),
  delivery: adminProcedure
    .input(webhookDeliveryIdInput)
    .query(({ ctx, input }) => getWebhookDelivery(ctx.actor, input.deliveryId)),
  resend: adminProcedure
    .input(webhookDeliveryIdInput)
    .mutation(({ ctx, input }) => resendWebhookDelivery(ctx.actor, input.deliveryId)),
  crmLookup: adminProcedure.query(({ ctx }) => getCrmLookup(ctx.actor.tenantId)),
  saveCrmLookup: adminProcedure
    .input(saveCrmLookupInput)
    .mutation(({ ctx, input }) => saveCrmLookup(ctx.actor, input)),
  rotateCrmLookupSecret: adminProcedure.mutation(({ ctx }) => rotateCrmLookupSecret(ctx.actor)),
});
