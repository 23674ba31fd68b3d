import { apiKeyIdInput, createApiKeyInput } from "../../../lib/schemas/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "../../api-keys/api-keys";
import { actorScope } from "../scope";
import { adminProcedure, router } from "../trpc";

export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.user.tenantId)),
  // The only response that ever carries the full key.
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(actorScope(ctx), input)),
  revoke: adminProcedure
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(actorScope(ctx), input.apiKeyId)),
});
