import { type z, ZodRealError } from "zod";
import {
  archiveClientInput,
  assignClientsInput,
  clientIdInput,
  createClientInput,
  listClientsInput,
  moveManagerClientsInput,
  updateClientInput,
} from "@/lib/schemas/clients";
import { assignClients, moveManagerClients } from "@/server/clients/assignments";
import {
  createClient,
  getClient,
  listAssignableUsers,
  listClientTags,
  listClients,
  setClientArchived,
  updateClient,
} from "@/server/clients/clients";
import { AppError } from "@/server/errors";
import { TRPCError } from "@trpc/server";
import { protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";

function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  if (!(error instanceof AppError) || error.code !== "VALIDATION") return null;
  const fieldErrors = error.details?.fieldErrors;
  if (typeof fieldErrors !== "object" || fieldErrors === null) return null;
  return fieldErrors as Record<string, string[]>;
}

// Domain checks that belong to one field (a phone taken by another client, an unknown manager)
// reach the form like schema errors do: as data.fieldErrors of a VALIDATION error.
const clientsProcedure = protectedProcedure.use(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const fieldErrors = fieldErrorsOf(result.error.cause);
  if (!fieldErrors) return result;
  const issues = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    messages.map((message): z.core.$ZodIssue => ({
      code: "custom",
      path: [field],
      message,
      input: undefined,
    })),
  );
  result.error = new TRPCError({
    code: "BAD_REQUEST",
    message: result.error.message,
    // ZodRealError: the ZodError that is also an Error, so tRPC keeps it as the cause.
    cause: new ZodRealError(issues),
  });
  return result;
});

export const clientsRouter = router({
  list: protectedProcedure
    .input(listClientsInput)
    .query(({ ctx, input }) => listClients(ctx.actor, input)),
  get: protectedProcedure
    .input(clientIdInput)
    .query(({ ctx, input }) => getClient(ctx.actor, input.clientId)),
  managers: protectedProcedure.query(({ ctx }) => listAssignableUsers(ctx.user.tenantId)),
  tags: protectedProcedure.query(({ ctx }) => listClientTags(ctx.user.tenantId)),
  create: clientsProcedure
    .input(createClientInput)
    .mutation(({ ctx, input }) => createClient(ctx.actor, input)),
  update: clientsProcedure
    .input(updateClientInput)
    .mutation(({ ctx, input }) => updateClient(ctx.actor, input)),
  setArchived: supervisorProcedure
    .input(archiveClientInput)
    .mutation(({ ctx, input }) => setClientArchived(ctx.actor, input.clientId, input.isArchived)),
  assign: supervisorProcedure
    .input(assignClientsInput)
    .mutation(({ ctx, input }) => assignClients(ctx.actor, input)),
  moveAll: supervisorProcedure
    .input(moveManagerClientsInput)
    .mutation(({ ctx, input }) => moveManagerClients(ctx.actor, input)),
});
