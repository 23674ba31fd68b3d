import { listClientsInput } from "@/lib/schemas/clients";
import { getLocale } from "@/lib/i18n/server";
import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { exportClientsCsv } from "@/server/clients/export";
import { errorResponse } from "@/server/clients/error-response";
import { clientActorFromRequest } from "@/server/clients/http";

export const dynamic = "force-dynamic";

// Every user of the tenant can read all of its clients, so everyone may export them.
export async function GET(request: Request) {
  const actor = await clientActorFromRequest(request.headers.get(CLIENT_IP_HEADER));
  if (actor instanceof Response) return actor;
  const params = new URL(request.url).searchParams;
  const vip = params.get("vip");
  const filters = listClientsInput.safeParse({
    query: params.get("q") ?? undefined,
    managerId: params.get("manager") ?? undefined,
    tag: params.get("tag") ?? undefined,
    isVip: vip === "1" ? true : vip === "0" ? false : undefined,
  });
  if (!filters.success) return Response.json({ code: "VALIDATION" }, { status: 400 });
  try {
    const csv = await exportClientsCsv(actor, filters.data, await getLocale());
    const date = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="clients-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "client export");
  }
}
