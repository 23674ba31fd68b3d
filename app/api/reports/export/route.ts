import { getLocale } from "@/server/i18n/locale";
import { userRoute } from "@/server/http/user-route";
import { exportReport } from "@/server/reports/export-route";

export const dynamic = "force-dynamic";

export const GET = userRoute("report export", async (actor, request) =>
  exportReport(actor, new URL(request.url), await getLocale()),
);
