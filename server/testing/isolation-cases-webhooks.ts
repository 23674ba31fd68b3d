import type { IsolationSpec } from "@/server/testing/isolation-cases";

// Settings → Webhooks in the isolation suite: B's endpoints and deliveries are not found.
const NONE = [undefined];
const NOT_FOUND = ["NOT_FOUND"] as const;

export const webhookIsolationSpecs: Record<string, IsolationSpec> = {
  "webhooks.list": { own: () => NONE },
  "webhooks.create": {
    own: () => [
      {
        url: "https://crm.alpha.example/new",
        description: "",
        events: ["call.ended"],
        isEnabled: false,
      },
    ],
  },
  "webhooks.update": {
    foreign: (_a, b) => [
      {
        input: {
          endpointId: b.webhook.endpointId,
          url: "https://crm.alpha.example/x",
          description: "",
          events: ["call.ended"],
        },
        refuse: NOT_FOUND,
      },
    ],
  },
  "webhooks.setEnabled": {
    foreign: (_a, b) => [
      { input: { endpointId: b.webhook.endpointId, isEnabled: false }, refuse: NOT_FOUND },
    ],
  },
  "webhooks.rotateSecret": {
    foreign: (_a, b) => [{ input: { endpointId: b.webhook.endpointId }, refuse: NOT_FOUND }],
  },
  "webhooks.delete": {
    foreign: (_a, b) => [{ input: { endpointId: b.webhook.endpointId }, refuse: NOT_FOUND }],
  },
  "webhooks.sendTest": {
    foreign: (_a, b) => [{ input: { endpointId: b.webhook.endpointId }, refuse: NOT_FOUND }],
  },
  "webhooks.deliveries": {
    own: (a) => [{ endpointId: a.webhook.endpointId }],
    foreign: (_a, b) => [{ input: { endpointId: b.webhook.endpointId }, refuse: NOT_FOUND }],
  },
  "webhooks.delivery": {
    own: (a) => [{ deliveryId: a.webhook.deliveryId }],
    foreign: (_a, b) => [{ input: { deliveryId: b.webhook.deliveryId }, refuse: NOT_FOUND }],
  },
  "webhooks.resend": {
    foreign: (_a, b) => [{ input: { deliveryId: b.webhook.deliveryId }, refuse: NOT_FOUND }],
  },
  "webhooks.crmLookup": { own: () => NONE },
  "webhooks.saveCrmLookup": { own: () => [{ url: "https://crm.alpha.example/lookup" }] },
  "webhooks.rotateCrmLookupSecret": { own: () => NONE },
};
