import { createServer, type Server } from "node:http";
import { receiveNotification } from "@/server/integrations/notifications";
import { completeConnect } from "@/server/integrations/oauth-flow";

/**
 * The two routes of app/api/mtt/[key] over plain node:http, calling the same domain functions,
 * so integration tests can let the simulator reach Pult without a Next build.
 */
export function startPultEdge(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const key = url.pathname.split("/")[3] ?? "";
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const signature = req.headers["x-mtt-signature"];
      const reply =
        req.method === "POST"
          ? receiveNotification({
              notificationKey: key,
              rawBody: body,
              signature: typeof signature === "string" ? signature : null,
              contentType: req.headers["content-type"] ?? null,
            }).then((r): { status: number; json: unknown } => ({ status: r.status, json: r.body }))
          : completeConnect(key, {
              code: url.searchParams.get("code"),
              state: url.searchParams.get("state"),
              error: url.searchParams.get("error"),
              errorDescription: url.searchParams.get("error_description"),
            }).then((r) => ({ status: r ? 200 : 404, json: r as unknown }));
      void reply.then(({ status, json }) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json)),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
