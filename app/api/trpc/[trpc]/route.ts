import { createTrpcContext } from "@/server/api/context";
import { handleTrpcRequest } from "@/server/api/http-handler";

function handler(req: Request) {
  return handleTrpcRequest(req, () => createTrpcContext(req.headers));
}

export { handler as GET, handler as POST };
