import type { LiveCall, ManagerStatus } from "@/app/(console)/live/_components/types";

// The server counts a call's talk time when the call ends; the panel adds the conversations
// in progress, from their answer to now, so a talking manager's time keeps growing.
export function talkSecNow(
  manager: ManagerStatus,
  calls: readonly LiveCall[],
  now: number,
): number {
  let seconds = manager.today.talkSec;
  for (const call of calls) {
    if (call.manager?.id !== manager.id || !call.answeredAt) continue;
    if (call.state !== "TALKING" && call.state !== "ON_HOLD") continue;
    seconds += Math.max(0, Math.floor((now - call.answeredAt.getTime()) / 1000));
  }
  return seconds;
}
