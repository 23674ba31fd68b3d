import { z } from "zod";
import type { CallEngine } from "@/server/pbx-simulator/call-engine";
import {
  EngineError,
  type CallRecord,
  type EngineErrorCode,
} from "@/server/pbx-simulator/call-types";
import type { RecordingStore } from "@/server/pbx-simulator/recordings";
import type { Structure } from "@/server/pbx-simulator/structure";

export type RpcDeps = {
  engine: CallEngine;
  recordings: RecordingStore;
  structure: () => Structure;
  baseUrl: () => string;
  historyPageSize: number;
};

type RpcId = string | number | null;
type RpcError = { code: number; message: string; data?: unknown };
type RpcResponse =
  { jsonrpc: "2.0"; id: RpcId; result: unknown } | { jsonrpc: "2.0"; id: RpcId; error: RpcError };

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

const domainCodes: Record<EngineErrorCode, number> = {
  not_found: 1001,
  ended: 1001,
  not_parked: 1002,
  conflict: 1002,
  workplace_not_found: 1003,
  number_invalid: 1004,
};

const envelopeSchema = z.object({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string(),
  params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});

const callIdParams = z.strictObject({ callId: z.string().min(1) });
const isoDateTime = z.iso.datetime({ offset: true });
const cursorSchema = z.tuple([z.string(), z.string()]);

const schemas = {
  getStructure: z.strictObject({}),
  makeCall: z.strictObject({
    workplaceId: z.string().min(1),
    to: z.string().min(1),
    callerNumber: z.string().min(1).optional(),
  }),
  transferCall: z.strictObject({
    callId: z.string().min(1),
    target: z.union([
      z.strictObject({ workplaceId: z.string().min(1) }),
      z.strictObject({ number: z.string().min(1) }),
    ]),
  }),
  terminateCall: callIdParams,
  hangupCall: callIdParams,
  getRecording: callIdParams,
  getCalls: z.strictObject({ from: isoDateTime, to: isoDateTime, cursor: z.string().optional() }),
  getActiveCalls: z.strictObject({}),
};

type MethodName = keyof typeof schemas;
type Params<M extends MethodName> = z.infer<(typeof schemas)[M]>;
// Mapped this way, indexing with a generic method name keeps its params type.
const paramSchemas: { [M in MethodName]: z.ZodType<Params<M>> } = schemas;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(paramSchemas, name);
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the error below
  }
  throw new RpcFailure(-32602, "Invalid params", { cursor: "not a cursor from getCalls" });
}

/** The workplace that answered, or for an unanswered call the last one it rang at. */
function workplaceOf(call: CallRecord): { workplaceId?: string } {
  const rang = call.history.findLast((e) => e.event === "delivered")?.workplaceId;
  const workplaceId = call.workplaceId ?? rang;
  return workplaceId ? { workplaceId } : {};
}

function listHistory(deps: RpcDeps, params: Params<"getCalls">) {
  const from = Date.parse(params.from);
  const to = Date.parse(params.to);
  const after = params.cursor === undefined ? undefined : decodeCursor(params.cursor);
  const byStart = (a: CallRecord, b: CallRecord) =>
    a.startedAt === b.startedAt
      ? a.callId.localeCompare(b.callId)
      : a.startedAt.localeCompare(b.startedAt);
  const matches = [...deps.engine.endedCalls()]
    .filter((call) => {
      const startedMs = Date.parse(call.startedAt);
      if (startedMs < from || startedMs >= to) return false;
      if (!after) return true;
      return call.startedAt > after[0] || (call.startedAt === after[0] && call.callId > after[1]);
    })
    .sort(byStart);
  const page = matches.slice(0, deps.historyPageSize);
  const last = page.at(-1);
  const hasMore = matches.length > page.length && last !== undefined;
  return {
    calls: page.map((call) => ({
      callId: call.callId,
      direction: call.direction,
      from: call.from,
      to: call.to,
      startedAt: call.startedAt,
      ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
      endedAt: call.endedAt,
      result: call.result,
      ...workplaceOf(call),
    })),
    ...(hasMore
      ? {
          nextCursor: Buffer.from(JSON.stringify([last.startedAt, last.callId])).toString(
            "base64url",
          ),
        }
      : {}),
  };
}

/** Calls in progress, in the assumed contract's three states (dialing out is ringing). */
function listActive(deps: RpcDeps) {
  return {
    calls: deps.engine.list({ isActive: true }).map((call) => ({
      callId: call.callId,
      state: call.state === "dialing" ? "ringing" : call.state,
      startedAt: call.startedAt,
    })),
  };
}

type Handlers = { [M in MethodName]: (deps: RpcDeps, params: Params<M>) => unknown };

const handlers: Handlers = {
  getStructure: (deps) => deps.structure(),
  makeCall: (deps, params) => ({ callId: deps.engine.makeCall(params).callId }),
  transferCall(deps, { callId, target }) {
    deps.engine.transfer(callId, target);
    return { ok: true };
  },
  terminateCall(deps, { callId }) {
    deps.engine.terminate(callId);
    return { ok: true };
  },
  hangupCall(deps, { callId }) {
    deps.engine.hangup(callId);
    return { ok: true };
  },
  getRecording(deps, { callId }) {
    if (!deps.engine.get(callId)) throw new RpcFailure(1001, "Call not found");
    const recording = deps.recordings.forCall(callId);
    if (!recording) throw new RpcFailure(1001, "Recording not found", { reason: "noRecording" });
    const files = deps.recordings.contractFiles(recording, deps.baseUrl());
    return { recordingId: recording.recordingId, files };
  },
  getCalls: listHistory,
  getActiveCalls: listActive,
};

function callMethod<M extends MethodName>(deps: RpcDeps, method: M, raw: unknown): unknown {
  const parsed = paramSchemas[method].safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new RpcFailure(-32602, "Invalid params", issues);
  }
  const handler: Handlers[M] = handlers[method];
  return handler(deps, parsed.data);
}

function handleOne(deps: RpcDeps, message: unknown): RpcResponse | null {
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) {
    return { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid Request" } };
  }
  const { id, method, params } = envelope.data;
  const respond = (body: { result: unknown } | { error: RpcError }): RpcResponse | null =>
    id === undefined ? null : { jsonrpc: "2.0", id, ...body };
  try {
    if (!isMethod(method)) throw new RpcFailure(-32601, "Method not found", { method });
    if (Array.isArray(params)) throw new RpcFailure(-32602, "Invalid params", "named params only");
    return respond({ result: callMethod(deps, method, params) });
  } catch (error) {
    if (error instanceof RpcFailure) {
      const data = error.data === undefined ? {} : { data: error.data };
      return respond({ error: { code: error.code, message: error.message, ...data } });
    }
    if (error instanceof EngineError) {
      return respond({ error: { code: domainCodes[error.code], message: error.message } });
    }
    throw error;
  }
}

/** JSON-RPC 2.0 over one HTTP body; batches are supported, notifications get no answer. */
export function handleRpc(deps: RpcDeps, text: string): unknown {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } };
  }
  if (!Array.isArray(message)) return handleOne(deps, message);
  if (message.length === 0) {
    return { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid Request" } };
  }
  const answers = message.map((item) => handleOne(deps, item)).filter((a) => a !== null);
  return answers.length > 0 ? answers : null;
}
