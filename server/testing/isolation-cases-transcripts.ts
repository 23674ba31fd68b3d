import type { IsolationSpec } from "@/server/testing/isolation-cases";

// Transcripts and Settings → Speech in the isolation suite (see isolation-cases.ts for the shape).

function expectNoItems(value: unknown): void {
  const items = (value as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items) || items.length !== 0)
    throw new Error(`found another company's transcripts: ${JSON.stringify(value)}`);
}

export const transcriptIsolationSpecs: Record<string, IsolationSpec> = {
  "transcripts.byCall": {
    // A call without a transcript: reading a finished one writes the access log, which
    // recordings.auditLog (asked before) would then answer differently.
    own: (a) => [{ callId: a.calls.missed }],
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: ["NOT_FOUND"] }],
  },
  "transcripts.search": {
    own: () => [{ q: "договор" }],
    // B's phrases name B: searching for that name finds nothing in A.
    foreign: (_a, b) => [{ input: { q: b.label }, check: expectNoItems }],
  },
  "transcripts.retry": {
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: ["NOT_FOUND"] }],
  },
  "transcripts.delete": {
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: ["NOT_FOUND"] }],
  },
  "transcripts.settings": { own: () => [undefined] },
  "transcripts.testConnection": { own: () => [undefined] },
  "transcripts.saveSettings": {
    own: (a) => [
      {
        backend: "OPENAI",
        endpoint: `https://speech.${a.label.toLowerCase()}.example`,
        model: "whisper-1",
        language: "ru",
        answeredOnly: true,
        minTalkSec: 10,
        directions: ["IN", "OUT"],
      },
    ],
  },
};
