import { z } from "zod";
import { streamRecordingForApiKey } from "../recordings/stream";
import { ApiError, apiErrorResponse, codeForStatus } from "./errors";
import { readQuery, type ApiContext } from "./handler";
import { recordingQuery } from "./schemas";

const streamError = z.object({ error: z.string(), message: z.string() });

/**
 * GET/HEAD /api/v1/recordings/<id>: the recordings domain streams (Range, audit with the key's
 * id); we only restate its errors in the public API's error shape.
 */
export async function streamApiRecording(ctx: ApiContext, recordingId: string): Promise<Response> {
  readQuery(ctx.request, recordingQuery);
  const response = await streamRecordingForApiKey(
    { tenantId: ctx.principal.tenantId, apiKeyId: ctx.principal.apiKeyId },
    recordingId,
    { method: ctx.request.method, url: ctx.request.url, headers: ctx.request.headers },
    ctx.ip,
  );
  const isJson = response.headers.get("content-type")?.startsWith("application/json") ?? false;
  if (response.status < 400 || !isJson) return response;
  const parsed = streamError.safeParse(await response.json().catch(() => null));
  const code = codeForStatus(response.status);
  const message = code === "INTERNAL" ? "Internal error" : (parsed.data?.message ?? "Error");
  const reason = parsed.data?.error;
  return apiErrorResponse(
    new ApiError(code, message, reason && reason !== code ? { reason } : undefined),
  );
}
