import type { ServerResponse } from "node:http";
import { readBody, startTestServer, type TestServer } from "@/server/mtt/test-fetch";
import { encodeMonoWav } from "@/server/transcripts/channel-audio";

// Test helpers: a scripted OpenAI-compatible speech service on 127.0.0.1, and its answers.

/** A scripted speech service: each request gets the next answer. */
export async function scriptedService(
  answers: Array<(res: ServerResponse) => void>,
): Promise<TestServer & { bodies: string[]; headers: Array<Record<string, unknown>> }> {
  const bodies: string[] = [];
  const headers: Array<Record<string, unknown>> = [];
  const server = await startTestServer((req, res) => {
    headers.push({ ...req.headers });
    void readBody(req).then((body) => {
      bodies.push(body);
      // No answer left: the request hangs (a service that never answers).
      answers.shift()?.(res);
      return undefined;
    });
  });
  return Object.assign(server, { bodies, headers });
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

export const VERBOSE = {
  text: "Добрый день",
  language: "russian",
  duration: 1,
  segments: [{ id: 0, start: 0.25, end: 0.9, text: " Добрый день", avg_logprob: -0.1 }],
};
export const probe = () => {
  const samples = new Float32Array(8000).fill(0.01);
  return { wav: encodeMonoWav(samples, 8000), sampleRate: 8000, durationMs: 1000 };
};
