import { errorTable } from "@/lib/errors";
import { AppError } from "@/server/errors";
import { streamRecording } from "@/server/recordings/stream";
import { ApiError } from "@/server/api-v1/errors";
import { readQuery, type ApiContext } from "@/server/api-v1/handler";
import { recordingQuery } from "@/server/api-v1/schemas";

/**
 * GET/HEAD /api/v1/recordings/<id>: the recordings domain streams (Range, audit with the key's
 * id); we only restate its errors in the public API's shape, keeping why ("DELETED", "NOT_READY").
 */
export async function streamApiRecording(ctx: ApiContext, recordingId: string): Promise<Response> {
  readQuery(ctx.request, recordingQuery);
  try {
    return await streamRecording(ctx.actor, recordingId, ctx.request);
  } catch (error) {
    if (!(error instanceof AppError) || error.httpStatus >= 500 || error instanceof ApiError)
      throw error;
    const reason = error.details?.reason;
    const details = typeof reason === "string" ? { reason } : undefined;
    throw new ApiError(errorTable[error.code].api, error.message, details);
  }
}
