import { apiKeyIdInput, createApiKeyInput } from "@/lib/schemas/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/api-keys";
import { adminProcedure, router } from "@/server/api/trpc";

export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.user.tenantId)),
  // The only response that ever carries the full key.
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.actor, input)),
  revoke: adminProcedure
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input.apiKeyId)),
});
