import { reportDrillInput, reportFiltersInput } from "@/lib/schemas/reports";
import { getReportFilterOptions } from "@/server/reports/options";
import {
  buildManagerReport,
  buildReportSeries,
  countFigureCalls,
  getReportScope,
  listFigureCalls,
  toSlice,
} from "@/server/reports/queries";
import { router, supervisorProcedure } from "@/server/api/trpc";

// Reports compare people, so only supervisors and admins see them (managers get a forbidden
// state on the page); every query is scoped to the caller's tenant.
export const reportsRouter = router({
  filterOptions: supervisorProcedure.query(({ ctx }) => getReportFilterOptions(ctx.user.tenantId)),
  summary: supervisorProcedure
    .input(reportFiltersInput)
    .query(async ({ ctx, input }) =>
      buildManagerReport(await getReportScope(ctx.user.tenantId, input)),
    ),
  series: supervisorProcedure
    .input(reportFiltersInput)
    .query(async ({ ctx, input }) =>
      buildReportSeries(await getReportScope(ctx.user.tenantId, input)),
    ),
  drill: supervisorProcedure.input(reportDrillInput).query(async ({ ctx, input }) => {
    const scope = await getReportScope(ctx.user.tenantId, input.filters);
    const slice = toSlice(input.slice);
    const [calls, total] = await Promise.all([
      listFigureCalls(scope, input.figure, slice, { limit: input.limit, offset: input.offset }),
      countFigureCalls(scope, input.figure, slice),
    ]);
    return { calls, total, timeZone: scope.timeZone };
  }),
});
