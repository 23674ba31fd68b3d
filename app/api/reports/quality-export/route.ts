import { getLocale } from "@/server/i18n/locale";
import { userRoute } from "@/server/http/user-route";
import { exportQualityReport } from "@/server/quality/export-route";

export const dynamic = "force-dynamic";

export const GET = userRoute("quality report export", async (actor, request) =>
  exportQualityReport(actor, new URL(request.url), await getLocale()),
);
