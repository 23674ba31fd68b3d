import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { CallEngine } from "@/server/pbx-simulator/call-engine";
import {
  EngineError,
  type CallRecord,
  type EngineErrorCode,
} from "@/server/pbx-simulator/call-types";
import { HttpError, readJson, sendJson } from "@/server/pbx-simulator/http";
import type { ConversationPlan } from "@/server/pbx-simulator/conversation";
import type { Notifier } from "@/server/pbx-simulator/notifier";
import { structureInputSchema, type Structure } from "@/server/pbx-simulator/structure";
import { trafficSettingsSchema, type Traffic } from "@/server/pbx-simulator/traffic";

export type ControlDeps = {
  engine: CallEngine;
  notifier: Notifier;
  traffic: Traffic;
  structure: () => Structure;
  replaceStructure: (input: z.infer<typeof structureInputSchema>) => Structure;
  registerRedirectUri: (uri: string) => void;
  redirectUri: () => string | undefined;
  recordingPlan: (recordingId: string) => ConversationPlan | undefined;
};

const httpStatus: Record<EngineErrorCode, number> = {
  not_found: 404,
  ended: 409,
  not_parked: 409,
  conflict: 409,
  workplace_not_found: 404,
  number_invalid: 400,
};

const targetSchema = z.union([
  z.strictObject({ workplaceId: z.string().min(1) }),
  z.strictObject({ number: z.string().min(1) }),
]);
const incomingSchema = z.object({
  from: z.string().min(1).max(32),
  to: z.string().min(1),
  // The simulated employees answer it as they answer generated traffic (POST /control/traffic).
  isTraffic: z.boolean().optional(),
});
const answerSchema = z.object({ workplaceId: z.string().min(1).optional() });
const transferSchema = z.object({ target: targetSchema });
const clickToCallSchema = z.object({
  workplaceId: z.string().min(1),
  to: z.string().min(1),
  callerNumber: z.string().min(1).optional(),
});
const redirectUriSchema = z.object({ uri: z.url({ protocol: /^https?$/ }) });
const deliverySchema = z.object({ mode: z.enum(["deliver", "hold", "drop"]) });

type PhoneStatus = "idle" | "ringing" | "calling" | "talking";

/** What the /phones page shows: one line per workplace and the call on it. */
function phonesView(deps: ControlDeps) {
  const active = deps.engine.list({ isActive: true });
  const callAt = (workplaceId: string): [PhoneStatus, CallRecord] | null => {
    for (const call of active) {
      if (call.ringingWorkplaceId === workplaceId) return ["ringing", call];
      if (call.activeWorkplaceId === workplaceId) {
        return [call.state === "talking" ? "talking" : "calling", call];
      }
    }
    return null;
  };
  const structure = deps.structure();
  return {
    version: structure.version,
    numbers: structure.numbers.map((n) => ({ number: n.number, label: n.label })),
    workplaces: structure.workplaces.map((w) => {
      const found = callAt(w.id);
      if (!found)
        return { id: w.id, name: w.name, extension: w.extension, status: "idle", call: null };
      const [status, call] = found;
      const peer = call.direction === "incoming" ? call.from : call.to;
      const since = call.history.at(-1)?.at ?? call.startedAt;
      const summary = {
        callId: call.callId,
        direction: call.direction,
        peer,
        state: call.state,
        since,
      };
      return { id: w.id, name: w.name, extension: w.extension, status, call: summary };
    }),
    traffic: deps.traffic.status(),
  };
}

function engineAction<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof EngineError) {
      throw new HttpError(httpStatus[error.code], error.code, error.message);
    }
    throw error;
  }
}

/** The simulator's own API for tests, demos and benchmarks. Returns false when no route matched. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ControlDeps,
): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, "");
  const method = req.method ?? "GET";
  const ok = (body: unknown, status = 200) => sendJson(res, status, body);
  const { engine } = deps;

  if (path === "/control/calls" && method === "POST") {
    const { from, to, isTraffic } = await readJson(req, incomingSchema);
    ok({ callId: engineAction(() => engine.startIncoming(from, to, isTraffic)).callId }, 201);
    return true;
  }
  if (path === "/control/calls" && method === "GET") {
    // Newest last; a limit keeps long traffic runs from producing huge answers.
    const limit = Number(url.searchParams.get("limit") ?? 1000) || 1000;
    ok({ calls: engine.list({ isActive: url.searchParams.get("active") === "1", limit }) });
    return true;
  }
  if (path === "/control/click-to-call" && method === "POST") {
    const params = await readJson(req, clickToCallSchema);
    ok({ callId: engineAction(() => engine.makeCall(params)).callId }, 201);
    return true;
  }
  const callRoute = /^\/control\/calls\/([^/]+)(?:\/(answer|hangup|decline|transfer))?$/.exec(path);
  if (callRoute) {
    const callId = decodeURIComponent(callRoute[1] ?? "");
    const action = callRoute[2];
    if (!action && method === "GET") {
      const call = engine.get(callId);
      if (!call) throw new HttpError(404, "not_found", `call ${callId} not found`);
      ok({ ...call, notifications: deps.notifier.countFor(callId) });
      return true;
    }
    if (!action || method !== "POST") return false;
    if (action === "answer") {
      const { workplaceId } = await readJson(req, answerSchema);
      engineAction(() => engine.answer(callId, workplaceId));
    } else if (action === "transfer") {
      const { target } = await readJson(req, transferSchema);
      engineAction(() => engine.transfer(callId, target));
    } else if (action === "decline") {
      engineAction(() => engine.decline(callId));
    } else {
      engineAction(() => engine.hangup(callId));
    }
    ok({ ok: true });
    return true;
  }
  const planRoute = /^\/control\/recordings\/([^/]+)\/plan$/.exec(path);
  if (planRoute && method === "GET") {
    // What is said when in a recording: a stand-in transcript with exact timings, for tests.
    const plan = deps.recordingPlan(decodeURIComponent(planRoute[1] ?? ""));
    if (!plan) throw new HttpError(404, "not_found", "no such recording");
    ok(plan);
    return true;
  }
  if (path === "/control/structure" && method === "GET") {
    ok(deps.structure());
    return true;
  }
  if (path === "/control/structure" && method === "PUT") {
    ok(deps.replaceStructure(await readJson(req, structureInputSchema)));
    return true;
  }
  if (path === "/control/traffic" && method === "POST") {
    ok(deps.traffic.configure(await readJson(req, trafficSettingsSchema)));
    return true;
  }
  if (path === "/control/traffic" && method === "GET") {
    ok(deps.traffic.status());
    return true;
  }
  if (path === "/control/notifications" && method === "GET") {
    const filter = {
      callId: url.searchParams.get("callId") ?? undefined,
      type: url.searchParams.get("type") ?? undefined,
    };
    ok({ notifications: deps.notifier.list(filter) });
    return true;
  }
  if (path === "/control/deliveries" && method === "GET") {
    // Paged by sequence number: a benchmark polls `after=<last seq seen>` while traffic runs.
    const after = Math.max(0, Math.floor(Number(url.searchParams.get("after") ?? 0) || 0));
    const limit = Math.min(50_000, Math.max(1, Number(url.searchParams.get("limit")) || 10_000));
    const deliveries = deps.notifier.deliveries(after, limit);
    ok({ deliveries, lastSeq: deps.notifier.stats().lastSeq });
    return true;
  }
  if (path === "/control/stats" && method === "GET") {
    ok({ notifications: deps.notifier.stats(), traffic: deps.traffic.status() });
    return true;
  }
  if (path === "/control/delivery" && method === "GET") {
    ok({ mode: deps.notifier.mode() });
    return true;
  }
  if (path === "/control/delivery" && method === "PUT") {
    // Fault injection: hold or drop notifications as if the receiver could not be reached.
    const { mode } = await readJson(req, deliverySchema);
    deps.notifier.setMode(mode);
    ok({ mode });
    return true;
  }
  if (path === "/control/phones" && method === "GET") {
    ok(phonesView(deps));
    return true;
  }
  if (path === "/control/redirect-uri" && method === "GET") {
    ok({ uri: deps.redirectUri() ?? null });
    return true;
  }
  if (path === "/control/redirect-uri" && method === "PUT") {
    const { uri } = await readJson(req, redirectUriSchema);
    deps.registerRedirectUri(uri);
    ok({ uri });
    return true;
  }
  return false;
}
