import { z } from "zod";
import {
  createRuleInput,
  moveRuleInput,
  reorderRulesInput,
  ruleIdInput,
  setRuleEnabledInput,
  testRoutingInput,
  updateRuleInput,
} from "../../../lib/schemas/routing";
import { startOfDay } from "../../calls/managers";
import { getDb } from "../../db";
import {
  addDefaultRule,
  createRule,
  deleteRule,
  listRules,
  moveRule,
  parkExpiredSince,
  reorderRules,
  setRuleEnabled,
  testRouting,
  updateRule,
} from "../../routing/service";
import { actorScope } from "../scope";
import { protectedProcedure, router, supervisorProcedure } from "../trpc";

// Everyone signed in may read the rules and try the test panel; only supervisors and admins
// change them. Every change is audited and invalidates the routing snapshot on all instances.
export const routingRouter = router({
  list: protectedProcedure.query(({ ctx }) => listRules(ctx.user.tenantId)),
  create: supervisorProcedure
    .input(createRuleInput)
    .mutation(({ ctx, input }) => createRule(actorScope(ctx), input)),
  update: supervisorProcedure.input(updateRuleInput).mutation(({ ctx, input }) => {
    const { ruleId, ...body } = input;
    return updateRule(actorScope(ctx), ruleId, body);
  }),
  delete: supervisorProcedure
    .input(ruleIdInput)
    .mutation(({ ctx, input }) => deleteRule(actorScope(ctx), input.ruleId)),
  setEnabled: supervisorProcedure
    .input(setRuleEnabledInput)
    .mutation(({ ctx, input }) => setRuleEnabled(actorScope(ctx), input.ruleId, input.isEnabled)),
  move: supervisorProcedure
    .input(moveRuleInput)
    .mutation(({ ctx, input }) => moveRule(actorScope(ctx), input.ruleId, input.direction)),
  reorder: supervisorProcedure
    .input(reorderRulesInput)
    .mutation(({ ctx, input }) => reorderRules(actorScope(ctx), input.ruleIds)),
  addDefault: supervisorProcedure
    .input(z.object({ locale: z.enum(["ru", "en"]) }))
    .mutation(({ ctx, input }) => addDefaultRule(actorScope(ctx), input.locale)),
  test: protectedProcedure
    .input(testRoutingInput)
    .mutation(({ ctx, input }) => testRouting(ctx.user.tenantId, input)),
  /** The live board's "park expired today" counter (1002 from the PBX). */
  parkExpiredToday: protectedProcedure.query(async ({ ctx }) => {
    const tenant = await getDb().tenant.findUniqueOrThrow({
      where: { id: ctx.user.tenantId },
      select: { timeZone: true },
    });
    const since = startOfDay(new Date(), tenant.timeZone);
    return { count: await parkExpiredSince(ctx.user.tenantId, since), since };
  }),
});
