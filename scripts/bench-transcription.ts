// Transcription throughput through the HTTP backend: the bundled simulator's OpenAI-compatible
// endpoint, real HTTP on loopback, the same code path as the job (decode the stored WAV, split
// its channels, one request per channel, parse verbose_json). Prints calls and audio minutes
// transcribed per minute of wall time.
//
//   node --import tsx scripts/bench-transcription.ts [--calls 30] [--seconds 90] [--concurrency 1]
import { parseArgs } from "node:util";
import { setSimulatorUrl } from "@/server/integrations/simulator-link";
import { planConversation } from "@/server/pbx-simulator/conversation";
import { startSimulator } from "@/server/pbx-simulator/simulator";
import { renderPlanWav } from "@/server/pbx-simulator/wav";
import { nextTick } from "@/server/talk-analytics/pause";
import { splitChannels } from "@/server/transcripts/channel-audio";
import { createOpenAiTranscriber } from "@/server/transcripts/openai-backend";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "30" },
    seconds: { type: "string", default: "90" },
    concurrency: { type: "string", default: "1" },
  },
});
const calls = Number(values.calls);
const seconds = Number(values.seconds);
const concurrency = Math.max(1, Number(values.concurrency));

const simulator = await startSimulator({
  clientId: "bench",
  clientSecret: "bench-secret",
  login: "bench",
  password: "bench",
});
setSimulatorUrl(simulator.url);
const transcriber = createOpenAiTranscriber({
  endpoint: simulator.url,
  apiKey: "bench",
  model: "whisper-1",
});

// Recordings rendered before the clock starts: the PBX's work, not Pult's.
const recordings = Array.from({ length: calls }, (_, i) => {
  const plan = planConversation(seconds * 1000, `bench/${i}`);
  return {
    wav: renderPlanWav(plan.turns, { durationMs: seconds * 1000, seed: `bench/${i}` }),
    phrases: plan.turns.length,
  };
});

let next = 0;
let phrases = 0;
let expected = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < calls; i = next++) {
      const recording = recordings[i];
      if (!recording) continue;
      expected += recording.phrases;
      for (const channel of await splitChannels(recording.wav, nextTick)) {
        // Awaited first: `phrases += await …` would read the total before the wait.
        const found = await transcriber.transcribe(channel, "ru");
        phrases += found.length;
      }
    }
  }),
);
const minutes = (performance.now() - started) / 60_000;
await simulator.close();

console.log(
  [
    `calls: ${calls} × ${seconds} s, two channels each, concurrency ${concurrency}`,
    `phrases recognised: ${phrases} of ${expected} planned`,
    `wall time: ${(minutes * 60).toFixed(1)} s`,
    `throughput: ${(calls / minutes).toFixed(0)} calls/min, ${((calls * seconds) / 60 / minutes).toFixed(0)} audio min/min`,
  ].join("\n"),
);
