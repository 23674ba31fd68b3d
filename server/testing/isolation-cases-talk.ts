import type { IsolationSpec } from "@/server/testing/isolation-cases";

// The talk analytics procedures in the isolation suite (see isolation-cases.ts for the shape).

function expectNoRows(value: unknown): void {
  if (!Array.isArray(value) || value.length !== 0)
    throw new Error(`answered rows for another company's filter: ${JSON.stringify(value)}`);
}

export function talkIsolationSpecs(
  reportPeriod: () => { from: string; to: string },
): Record<string, IsolationSpec> {
  return {
    "talk.byCall": {
      own: (a) => [{ callId: a.calls.answered }],
      foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: ["NOT_FOUND"] }],
    },
    "talk.rerun": {
      foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: ["NOT_FOUND"] }],
    },
    "talk.managerAverages": {
      own: () => [reportPeriod()],
      foreign: (_a, b) => [
        {
          input: { ...reportPeriod(), managerIds: [b.manager.id], numbers: [b.pbxNumber] },
          check: expectNoRows,
        },
      ],
    },
  };
}
