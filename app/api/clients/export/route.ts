import { exportClients } from "@/server/clients/export-route";
import { userRoute } from "@/server/http/user-route";
import { getLocale } from "@/server/i18n/locale";

export const dynamic = "force-dynamic";

export const GET = userRoute("client export", async (actor, request) =>
  exportClients(actor, new URL(request.url), await getLocale()),
);
