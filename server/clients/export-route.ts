import type { Locale } from "@/lib/i18n/locales";
import { listClientsInput } from "@/lib/schemas/clients";
import { exportClientsCsv } from "@/server/clients/export";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";

/** GET /api/clients/export: every user of the tenant reads all of its clients, so all may export. */
export async function exportClients(actor: Actor, url: URL, locale: Locale): Promise<Response> {
  const params = url.searchParams;
  const vip = params.get("vip");
  const filters = listClientsInput.safeParse({
    query: params.get("q") ?? undefined,
    managerId: params.get("manager") ?? undefined,
    tag: params.get("tag") ?? undefined,
    isVip: vip === "1" ? true : vip === "0" ? false : undefined,
  });
  if (!filters.success) throw new AppError("VALIDATION", "Check the filters");
  const csv = await exportClientsCsv(actor, filters.data, locale);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="clients-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
