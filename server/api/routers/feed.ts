import { getFeedHealth } from "@/server/integrations/reconcile-feed";
import { protectedProcedure, router } from "@/server/api/trpc";

export const feedRouter = router({
  // Everyone sees the banner: a gap makes the board, history and reports incomplete for all.
  health: protectedProcedure.query(({ ctx }) => getFeedHealth(ctx.user.tenantId)),
});
