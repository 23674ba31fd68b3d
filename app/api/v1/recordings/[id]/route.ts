import { apiRoute } from "@/server/api-v1/handler";
import { streamApiRecording } from "@/server/api-v1/recordings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("GET /api/v1/recordings/{id}", (ctx, { id }) =>
  streamApiRecording(ctx, id),
);

export const HEAD = apiRoute<Params>("HEAD /api/v1/recordings/{id}", (ctx, { id }) =>
  streamApiRecording(ctx, id),
);
