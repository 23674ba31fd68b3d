// Queue names of the webhook jobs, apart from their handlers: the fold's hook names one without
// loading the delivery code.
export const WEBHOOK_EMIT_QUEUE = "webhooks.emit";
export const WEBHOOK_DELIVER_QUEUE = "webhooks.deliver";
export const WEBHOOK_PRUNE_QUEUE = "webhooks.prune";
export const WEBHOOK_SWEEP_QUEUE = "webhooks.sweep";
