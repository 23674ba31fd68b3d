import { readLimitedBody } from "@/server/http/read-limited-body";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { commitImport, MAX_IMPORT_BYTES, previewImport } from "@/server/clients/import";

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", "The file is too large", {
    reason: "too_large",
    limitBytes: MAX_IMPORT_BYTES,
  });

/**
 * POST /api/clients/import for a signed-in actor: the CSV file as the raw request body.
 * ?mode=preview answers what each row would do and writes nothing; ?mode=commit writes every
 * valid row in one transaction.
 */
export async function handleImportRequest(actor: Actor, request: Request): Promise<Response> {
  // Only ever a CSV file: a page of another site can post text/plain or form bodies without
  // asking first, never text/csv.
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "text/csv") {
    const message = "Send the file as Content-Type: text/csv";
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", message, { reason: "content_type" });
  }
  const mode = new URL(request.url).searchParams.get("mode");
  if (mode !== "preview" && mode !== "commit")
    throw new AppError("VALIDATION", "Unknown mode", { reason: "mode" });
  // Counted while reading: a chunked or endless upload never buffers more than the limit.
  const body = await readLimitedBody(request, MAX_IMPORT_BYTES);
  if (!body.ok && body.reason === "too_large") throw tooLarge();
  if (!body.ok)
    throw new AppError("VALIDATION", "The upload could not be read", { reason: "unreadable" });
  const result =
    mode === "preview"
      ? await previewImport(actor, body.bytes)
      : await commitImport(actor, body.bytes);
  return Response.json(result);
}
