import { listNumbers, listWorkplaces } from "../../directory/directory";
import { router, supervisorProcedure } from "../trpc";

export const directoryRouter = router({
  workplaces: supervisorProcedure.query(({ ctx }) => listWorkplaces(ctx.user.tenantId)),
  numbers: supervisorProcedure.query(({ ctx }) => listNumbers(ctx.user.tenantId)),
});
