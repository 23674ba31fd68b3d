import { listNumbers, listWorkplaces } from "@/server/directory/directory";
import { router, supervisorProcedure } from "@/server/api/trpc";

export const directoryRouter = router({
  workplaces: supervisorProcedure.query(({ ctx }) => listWorkplaces(ctx.user.tenantId)),
  numbers: supervisorProcedure.query(({ ctx }) => listNumbers(ctx.user.tenantId)),
});
