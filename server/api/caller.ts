import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTrpcContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

/** For server components: the same procedures, with the same checks, without HTTP. */
export const getServerCaller = cache(async () =>
  createCaller(await createTrpcContext(await headers())),
);
