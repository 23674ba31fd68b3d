import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  control,
  incomingCall,
  obtainTokens,
  rpc,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

const filesSchema = z.array(
  z.object({
    url: z.string(),
    format: z.literal("wav"),
    durationSec: z.number(),
    sizeBytes: z.number(),
  }),
);
const planSchema = z.object({
  durationMs: z.number(),
  turns: z.array(
    z.object({
      party: z.string(),
      channel: z.number(),
      step: z.string(),
      text: z.string(),
      startMs: z.number(),
      endMs: z.number(),
    }),
  ),
});
const readySchema = z.object({ callId: z.string(), recordingId: z.string(), files: filesSchema });

async function talk(h: Harness, seconds: number) {
  const callId = await incomingCall(h.sim);
  await control(h.sim, "POST", `/control/calls/${callId}/transfer`, {
    target: { workplaceId: "wp-102" },
  });
  await control(h.sim, "POST", `/control/calls/${callId}/answer`);
  h.clock.advance(seconds * 1000);
  await control(h.sim, "POST", `/control/calls/${callId}/hangup`);
  h.clock.advance(500);
  const [ready] = await h.receiver.waitFor("recordingReady", callId);
  return { callId, ready: readySchema.parse(ready?.data) };
}

describe("recordings", () => {
  it("are served with the Bearer token, with Content-Length and Range support", async () => {
    harness = await startHarness();
    const { access_token: token } = await obtainTokens(harness.sim, harness.receiver.url);
    const { callId, ready } = await talk(harness, 9);
    const [ended] = harness.receiver.ofType("callEnded", callId);
    expect(ended?.data).toMatchObject({ talkSec: 9, hasRecording: true });
    const [file] = ready.files;
    if (!file) throw new Error("no file");
    // 8 kHz, 16-bit, two channels (manager left, client right).
    expect(file).toMatchObject({ durationSec: 9, sizeBytes: 44 + 9 * 8000 * 2 * 2 });
    expect(file.url).toBe(`${harness.sim.url}/recordings/${ready.recordingId}/0.wav`);

    expect((await fetch(file.url)).status).toBe(401);
    expect((await fetch(file.url, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const auth = { authorization: `Bearer ${token}` };
    const full = await fetch(file.url, { headers: auth });
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/wav");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(Number(full.headers.get("content-length"))).toBe(file.sizeBytes);
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(bytes.length).toBe(file.sizeBytes);

    const part = await fetch(file.url, { headers: { ...auth, range: "bytes=1000-1999" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1000-1999/${file.sizeBytes}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    const tail = await fetch(file.url, { headers: { ...auth, range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true);
    const open = await fetch(file.url, {
      headers: { ...auth, range: `bytes=${file.sizeBytes - 4}-` },
    });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(bytes.subarray(-4))).toBe(true);
    const beyond = await fetch(file.url, {
      headers: { ...auth, range: `bytes=${file.sizeBytes}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${file.sizeBytes}`);

    const viaRpc = await rpc(harness.sim, token, "getRecording", { callId });
    expect(viaRpc.result).toEqual({ recordingId: ready.recordingId, files: ready.files });
    expect(harness.sim.state.call(callId)?.recording?.recordingId).toBe(ready.recordingId);
  });

  it("long talks may come in several files whose durations add up", async () => {
    harness = await startHarness();
    const { access_token: token } = await obtainTokens(harness.sim, harness.receiver.url);
    let files: z.infer<typeof filesSchema> = [];
    // Splitting is a coin toss per long recording (seeded, so this loop is deterministic).
    for (let i = 0; i < 12 && files.length < 2; i++) {
      files = (await talk(harness, 250)).ready.files;
      expect(files.reduce((sum, f) => sum + f.durationSec, 0)).toBe(250);
    }
    expect(files.map((f) => f.durationSec)).toEqual([84, 83, 83]);
    expect(files.map((f) => f.url.slice(-6))).toEqual(["/0.wav", "/1.wav", "/2.wav"]);
    // The files are windows of one conversation, whose plan says what is said when.
    const recordingId = /\/recordings\/([^/]+)\//.exec(files[0]?.url ?? "")?.[1] ?? "";
    const plan = await control(harness.sim, "GET", `/control/recordings/${recordingId}/plan`);
    expect(plan.status).toBe(200);
    const { durationMs, turns } = planSchema.parse(plan.json);
    expect(durationMs).toBe(250_000);
    expect(turns[0]).toMatchObject({ party: "manager", channel: 0, step: "greeting" });
    expect(turns.some((t) => t.startMs > 84_000 + 83_000)).toBe(true);
    expect((await control(harness.sim, "GET", "/control/recordings/nope/plan")).status).toBe(404);
    const last = files.at(-1);
    const res = await fetch(last?.url ?? "", {
      method: "HEAD",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBe(last?.sizeBytes);
  });

  it("unanswered calls have no recording", async () => {
    harness = await startHarness();
    const { access_token: token } = await obtainTokens(harness.sim, harness.receiver.url);
    const callId = await incomingCall(harness.sim);
    await control(harness.sim, "POST", `/control/calls/${callId}/hangup`);
    const [ended] = await harness.receiver.waitFor("callEnded", callId);
    expect(ended?.data).toMatchObject({ result: "missed", hasRecording: false });
    expect((await rpc(harness.sim, token, "getRecording", { callId })).error?.code).toBe(1001);
  });
});
