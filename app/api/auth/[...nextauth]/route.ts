import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth/config";
import { withLimitedBody } from "@/server/auth/http-limits";

export const { GET } = handlers;

export async function POST(request: NextRequest) {
  const limited = await withLimitedBody(request);
  return limited instanceof Response ? limited : handlers.POST(limited);
}
