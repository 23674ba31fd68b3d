import { publishCall } from "@/server/calls/publish";

/** After commit: calls in progress that just got their client, so boards and pops show it. */
export async function publishLinkedCalls(
  tenantId: string,
  calls: ReadonlyArray<{ callId: string; managerId: string | null }>,
): Promise<void> {
  for (const call of calls) {
    await publishCall(tenantId, {
      callId: call.callId,
      managerId: call.managerId,
      previousManagerId: call.managerId,
      isRingingNow: false,
    });
  }
}
