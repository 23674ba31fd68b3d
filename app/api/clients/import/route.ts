import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { clientActorFromRequest, errorResponse } from "@/server/clients/http";
import { commitImport, MAX_IMPORT_BYTES, previewImport } from "@/server/clients/import";

export const dynamic = "force-dynamic";

// The CSV file as the raw request body. ?mode=preview answers what each row would do and
// writes nothing; ?mode=commit writes every valid row in one transaction.
export async function POST(request: Request) {
  const actor = await clientActorFromRequest(request.headers.get(CLIENT_IP_HEADER));
  if (actor instanceof Response) return actor;
  const mode = new URL(request.url).searchParams.get("mode");
  if (mode !== "preview" && mode !== "commit")
    return Response.json({ code: "VALIDATION", reason: "mode" }, { status: 400 });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_IMPORT_BYTES)
    return Response.json(
      { code: "VALIDATION", reason: "too_large", limitBytes: MAX_IMPORT_BYTES },
      { status: 413 },
    );
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > MAX_IMPORT_BYTES)
      return Response.json(
        { code: "VALIDATION", reason: "too_large", limitBytes: MAX_IMPORT_BYTES },
        { status: 413 },
      );
    const result =
      mode === "preview" ? await previewImport(actor, bytes) : await commitImport(actor, bytes);
    return Response.json(result);
  } catch (error) {
    return errorResponse(error, "client import");
  }
}
