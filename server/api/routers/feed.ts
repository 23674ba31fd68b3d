import { getFeedHealth } from "../../integrations/reconcile-feed";
import { protectedProcedure, router } from "../trpc";

export const feedRouter = router({
  // Everyone sees the banner: a gap makes the board, history and reports incomplete for all.
  health: protectedProcedure.query(({ ctx }) => getFeedHealth(ctx.user.tenantId)),
});
