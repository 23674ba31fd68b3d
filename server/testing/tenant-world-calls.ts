import { createHmac, randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import { settleLivePath } from "@/server/calls/live-path";
import { receiveNotification } from "@/server/integrations/notifications";

// The PBX side of the access suites' companies: every call arrives as signed notifications
// through the real endpoint, so calls, events, tasks and recordings are what ingest makes.

/** One PBX notification, signed with the company's client secret, through the real endpoint. */
export async function notify(
  notificationKey: string,
  secret: string,
  type: string,
  data: Record<string, unknown>,
  at: Date,
  expectStatus = 200,
): Promise<void> {
  const body = JSON.stringify({ id: randomUUID(), type, occurredAt: at.toISOString(), data });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const result = await receiveNotification({
    notificationKey,
    rawBody: body,
    signature,
    contentType: "application/json",
  });
  if (result.status !== expectStatus)
    throw new Error(`${type} notification answered ${result.status}`);
  // Acknowledged once durable; the call is folded right after.
  if (!(await settleLivePath())) throw new Error("the live path did not settle");
}

/** A signed PBX notification for this company, as its PBX would send it. */
export function notifyAs(
  world: { notificationKey: string; pbxSecret: string },
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  return notify(world.notificationKey, world.pbxSecret, type, data, new Date());
}

type Traffic = {
  tenantId: string;
  tag: string;
  pbxNumber: string;
  phones: { manager: string; otherManager: string; unknown: string };
  notificationKey: string;
  pbxSecret: string;
};

/**
 * Half an hour ago: an answered call and a missed call for each manager (the answered ones with
 * a recording), a call still ringing at each manager's desk, and a rejected notification.
 */
export async function playCalls(traffic: Traffic) {
  const db = getDb();
  const { tenantId, tag, pbxNumber, phones, notificationKey, pbxSecret } = traffic;
  const send = (type: string, data: Record<string, unknown>, at: Date) =>
    notify(notificationKey, pbxSecret, type, data, at);
  const t0 = Date.now() - 30 * 60_000;
  const at = (sec: number) => new Date(t0 + sec * 1000);
  const call = async (
    id: string,
    from: string,
    desk: string,
    end: "answered" | "missed" | null,
  ) => {
    const callId = `${tag}-${id}`;
    const base = id.length * 60;
    await send(
      "callStarted",
      { callId, direction: "incoming", from, to: pbxNumber, parked: false },
      at(base),
    );
    await send("callDelivered", { callId, workplaceId: `${tag}-wp-${desk}` }, at(base + 2));
    if (end === "answered") {
      await send(
        "callAnswered",
        { callId, workplaceId: `${tag}-wp-${desk}`, party: "workplace" },
        at(base + 5),
      );
    }
    if (end) {
      await send(
        "callEnded",
        {
          callId,
          result: end,
          durationSec: 40,
          talkSec: end === "answered" ? 35 : 0,
          hasRecording: end === "answered",
        },
        at(base + 40),
      );
    }
    if (end === "answered") {
      await send(
        "recordingReady",
        {
          callId,
          recordingId: `${callId}-rec`,
          files: [
            {
              url: `http://127.0.0.1:9/${callId}.mp3`,
              format: "mp3",
              durationSec: 35,
              sizeBytes: 1000,
            },
          ],
        },
        at(base + 41),
      );
    }
    return (
      await db.call.findUniqueOrThrow({
        where: { tenantId_externalId: { tenantId, externalId: callId } },
        select: { id: true },
      })
    ).id;
  };
  const calls = {
    answered: await call("a", phones.manager, "manager", "answered"),
    othersAnswered: await call("bb", phones.otherManager, "other", "answered"),
    missed: await call("ccc", phones.manager, "manager", "missed"),
    othersMissed: await call("dddd", phones.otherManager, "other", "missed"),
    live: await call("eeeee", phones.unknown, "manager", null),
    othersLive: await call("ffffff", phones.otherManager, "other", null),
  };
  // A notification that fails the schema: kept as a rejected notification for diagnosis.
  await notify(
    notificationKey,
    pbxSecret,
    "callStarted",
    { marker: `${tag}-rejected-body` },
    new Date(),
    400,
  );
  return calls;
}
