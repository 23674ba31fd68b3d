// Shared by the browser's batch link and the server's handler: the server refuses larger batches.
export const MAX_TRPC_BATCH = 25;
