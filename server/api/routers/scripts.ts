import {
  saveScriptInput,
  scriptCallInput,
  scriptComplianceInput,
  scriptDrillInput,
  scriptIdInput,
} from "@/lib/scripts/schemas";
import { protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";
import { getReportScope } from "@/server/reports/queries";
import { getCallScripts } from "@/server/scripts/call-view";
import { recheckCall } from "@/server/scripts/checks";
import { buildScriptCompliance, drillScriptStep } from "@/server/scripts/report";
import { getScript, listScripts, saveScript } from "@/server/scripts/scripts";

// Script compliance. Supervisors and admins write scripts, re-check calls and read compliance;
// every member reads the script checks of the calls they may open (getCallScripts scopes it).
export const scriptsRouter = router({
  list: supervisorProcedure.query(({ ctx }) => listScripts(ctx.actor)),
  get: supervisorProcedure
    .input(scriptIdInput)
    .query(({ ctx, input }) => getScript(ctx.actor, input.scriptId)),
  save: supervisorProcedure
    .input(saveScriptInput)
    .mutation(({ ctx, input }) => saveScript(ctx.actor, input)),
  forCall: protectedProcedure
    .input(scriptCallInput)
    .query(({ ctx, input }) => getCallScripts(ctx.actor, input.callId)),
  recheck: supervisorProcedure
    .input(scriptCallInput)
    .mutation(({ ctx, input }) => recheckCall(ctx.actor, input.callId)),
  compliance: supervisorProcedure
    .input(scriptComplianceInput)
    .query(async ({ ctx, input }) =>
      buildScriptCompliance(await getReportScope(ctx.actor.tenantId, input)),
    ),
  drill: supervisorProcedure
    .input(scriptDrillInput)
    .query(async ({ ctx, input }) =>
      drillScriptStep(await getReportScope(ctx.actor.tenantId, input), input),
    ),
});
