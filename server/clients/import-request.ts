import { readLimitedBody } from "../http/read-limited-body";
import type { ClientActor } from "./access";
import { errorResponse } from "./error-response";
import { commitImport, MAX_IMPORT_BYTES, previewImport } from "./import";

const tooLarge = () =>
  Response.json(
    { code: "VALIDATION", reason: "too_large", limitBytes: MAX_IMPORT_BYTES },
    { status: 413 },
  );

/**
 * POST /api/clients/import for a signed-in actor: the CSV file as the raw request body.
 * ?mode=preview answers what each row would do and writes nothing; ?mode=commit writes every
 * valid row in one transaction.
 */
export async function handleImportRequest(actor: ClientActor, request: Request): Promise<Response> {
  // Only ever a CSV file: a page of another site can post text/plain or form bodies without
  // asking first, never text/csv.
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "text/csv")
    return Response.json({ code: "VALIDATION", reason: "content_type" }, { status: 415 });
  const mode = new URL(request.url).searchParams.get("mode");
  if (mode !== "preview" && mode !== "commit")
    return Response.json({ code: "VALIDATION", reason: "mode" }, { status: 400 });
  // Counted while reading: a chunked or endless upload never buffers more than the limit.
  const body = await readLimitedBody(request, MAX_IMPORT_BYTES);
  if (!body.ok && body.reason === "too_large") return tooLarge();
  if (!body.ok) return Response.json({ code: "VALIDATION", reason: "unreadable" }, { status: 400 });
  try {
    const result =
      mode === "preview"
        ? await previewImport(actor, body.bytes)
        : await commitImport(actor, body.bytes);
    return Response.json(result);
  } catch (error) {
    return errorResponse(error, "client import");
  }
}
