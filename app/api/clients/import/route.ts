import { handleImportRequest } from "@/server/clients/import-request";
import { userRoute } from "@/server/http/user-route";

export const dynamic = "force-dynamic";

export const POST = userRoute("client import", handleImportRequest);
