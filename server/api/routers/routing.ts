import { z } from "zod";
import {
  createRuleInput,
  moveRuleInput,
  reorderRulesInput,
  ruleIdInput,
  setRuleEnabledInput,
  testRoutingInput,
  updateRuleInput,
} from "@/lib/schemas/routing";
import {
  addDefaultRule,
  createRule,
  deleteRule,
  listRules,
  moveRule,
  countParkExpiredToday,
  reorderRules,
  setRuleEnabled,
  testRouting,
  updateRule,
} from "@/server/routing/service";
import { protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";

// Everyone signed in may read the rules and try the test panel; only supervisors and admins
// change them. Every change is audited and invalidates the routing snapshot on all instances.
export const routingRouter = router({
  list: protectedProcedure.query(({ ctx }) => listRules(ctx.user.tenantId)),
  create: supervisorProcedure
    .input(createRuleInput)
    .mutation(({ ctx, input }) => createRule(ctx.actor, input)),
  update: supervisorProcedure.input(updateRuleInput).mutation(({ ctx, input }) => {
    const { ruleId, ...body } = input;
    return updateRule(ctx.actor, ruleId, body);
  }),
  delete: supervisorProcedure
    .input(ruleIdInput)
    .mutation(({ ctx, input }) => deleteRule(ctx.actor, input.ruleId)),
  setEnabled: supervisorProcedure
    .input(setRuleEnabledInput)
    .mutation(({ ctx, input }) => setRuleEnabled(ctx.actor, input.ruleId, input.isEnabled)),
  move: supervisorProcedure
    .input(moveRuleInput)
    .mutation(({ ctx, input }) => moveRule(ctx.actor, input.ruleId, input.direction)),
  reorder: supervisorProcedure
    .input(reorderRulesInput)
    .mutation(({ ctx, input }) => reorderRules(ctx.actor, input.ruleIds)),
  addDefault: supervisorProcedure
    .input(z.object({ locale: z.enum(["ru", "en"]) }))
    .mutation(({ ctx, input }) => addDefaultRule(ctx.actor, input.locale)),
  test: protectedProcedure
    .input(testRoutingInput)
    .mutation(({ ctx, input }) => testRouting(ctx.user.tenantId, input)),
  /** The live board's "park expired today" counter (1002 from the PBX). */
  parkExpiredToday: protectedProcedure.query(({ ctx }) => countParkExpiredToday(ctx.user.tenantId)),
});
