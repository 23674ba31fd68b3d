import type { z } from "zod";
import { log as defaultLog } from "@/server/logger";
import { MttApiError } from "@/server/mtt/api-error";
import { BodyTooLargeError, createGuardedFetch, readBodyCapped } from "@/server/mtt/outbound";
import { createTransport, discardBody, type MttLogger } from "@/server/mtt/transport";
import type {
  CallTarget,
  PbxActiveCall,
  PbxCallRecord,
  PbxRecording,
  PbxStructure,
} from "@/server/mtt/types";
import {
  activeCallsResultSchema,
  callsResultSchema,
  makeCallResultSchema,
  okResultSchema,
  parseWire,
  recordingResultSchema,
  rpcResponseSchema,
  structureResultSchema,
} from "@/server/mtt/wire-schemas";

export const MTT_DEFAULT_API_URL = "https://api.mtt.ru/vats/v1";
// A getCalls page or the structure of a large PBX is well under this; more is not an answer.
const MAX_RPC_ANSWER_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;
// Public addresses only, no redirects: callers that may reach more pass their own fetch.
const publicOnlyFetch = createGuardedFetch({ allowPrivate: false });

export type MttClientOptions = {
  apiUrl: string;
  /** The current access token (e.g. from the database). */
  getAccessToken: () => Promise<string>;
  /** Refreshes and stores the tokens, resolving to the new access token. Called on HTTP 401. */
  refreshAccessToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Per HTTP attempt; default 10 000. */
  timeoutMs?: number;
  /** Retries after 429, 5xx, network errors and timeouts; default 3. */
  maxRetries?: number;
  /** A longer Retry-After fails at once with kind "rate_limited"; default 60 000. */
  maxRetryAfterMs?: number;
  /** Hosts (and their subdomains) besides apiUrl's origin that may receive the token. */
  fileHosts?: string[];
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  log?: MttLogger;
};

/** Per-call overrides, e.g. a short timeout for routing a parked call within its 5 s. */
export type CallOptions = { timeoutMs?: number; maxRetries?: number };

export type MttClient = {
  getStructure: (options?: CallOptions) => Promise<PbxStructure>;
  /** Never retried once it may have reached the PBX: a repeat would ring the workplace twice. */
  makeCall: (
    params: { workplaceId: string; to: string; callerNumber?: string },
    options?: CallOptions,
  ) => Promise<{ callId: string }>;
  transferCall: (
    params: { callId: string; target: CallTarget },
    options?: CallOptions,
  ) => Promise<void>;
  terminateCall: (params: { callId: string }, options?: CallOptions) => Promise<void>;
  hangupCall: (params: { callId: string }, options?: CallOptions) => Promise<void>;
  getRecording: (params: { callId: string }, options?: CallOptions) => Promise<PbxRecording>;
  getCalls: (
    params: { from: Date; to: Date; cursor?: string },
    options?: CallOptions,
  ) => Promise<{ calls: PbxCallRecord[]; nextCursor?: string }>;
  /** Calls in progress now. Assumed method: a PBX without it answers -32601 (method not found). */
  getActiveCalls: (options?: CallOptions) => Promise<PbxActiveCall[]>;
  /**
   * GET with the Bearer token, body included: the timeout covers the whole answer, which is read
   * only up to the Range asked for (a 206) or `maxBytes` (default 1 GiB).
   */
  downloadFile: (url: string, init?: DownloadInit) => Promise<DownloadedPart>;
};

export type DownloadInit = { range?: string; timeoutMs?: number; maxBytes?: number };
export type DownloadedPart = { status: number; contentRange: string | null; body: Buffer };

/** Bytes a "bytes=a-b" Range asks for, or null when it is open-ended. */
function rangeLength(range: string | undefined): number | null {
  const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? "");
  return match ? Number(match[2]) - Number(match[1]) + 1 : null;
}

const RPC_MEANINGS: Record<number, string> = {
  1001: "call not found",
  1002: "call is not parked",
  1003: "workplace not found",
  1004: "number invalid",
};

export function createMttClient(options: MttClientOptions): MttClient {
  const apiUrl = new URL(options.apiUrl).toString();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetries = options.maxRetries ?? 3;
  const fileHosts = options.fileHosts ?? defaultFileHosts(new URL(apiUrl).hostname);
  const transport = createTransport({
    getAccessToken: options.getAccessToken,
    refreshAccessToken: options.refreshAccessToken,
    fetch: options.fetch ?? publicOnlyFetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? (() => new Date()),
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    log: options.log ?? defaultLog,
  });
  let nextId = 1;

  async function call<T>(
    method: string,
    params: Record<string, unknown>,
    schema: z.ZodType<T>,
    callOptions: CallOptions = {},
    isIdempotent = true,
  ): Promise<T> {
    // One id per logical call: retries resend the same request.
    const id = nextId++;
    const body = JSON.stringify({ jsonrpc: "2.0", id, method, params });
    return transport.execute({
      method,
      isIdempotent,
      timeoutMs: callOptions.timeoutMs ?? timeoutMs,
      maxRetries: callOptions.maxRetries ?? maxRetries,
      request: (token) => ({
        url: apiUrl,
        init: {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            accept: "application/json",
          },
          body,
        },
      }),
      read: (response) => readRpcResult(method, id, response, schema),
    });
  }

  function resolveFileUrl(raw: string): string {
    const refuse = (why: string) => new MttApiError("untrusted_url", "downloadFile", why);
    let url: URL;
    try {
      url = new URL(raw, apiUrl);
    } catch {
      throw refuse("The recording URL is not a valid URL");
    }
    const isSameOrigin = url.origin === new URL(apiUrl).origin;
    const isFileHost =
      url.protocol === "https:" &&
      fileHosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
    // Recording URLs arrive in notifications, which may be unsigned: never leak the token.
    if (!isSameOrigin && !isFileHost) {
      throw refuse(`Refusing to send the MTT access token to ${url.host} (not in fileHosts)`);
    }
    return url.toString();
  }

  return {
    getStructure: (callOptions) => call("getStructure", {}, structureResultSchema, callOptions),
    makeCall: ({ workplaceId, to, callerNumber }, callOptions) =>
      call("makeCall", { workplaceId, to, callerNumber }, makeCallResultSchema, callOptions, false),
    transferCall: ({ callId, target }, callOptions) => {
      const wireTarget =
        "workplaceId" in target ? { workplaceId: target.workplaceId } : { number: target.number };
      return call("transferCall", { callId, target: wireTarget }, okResultSchema, callOptions);
    },
    terminateCall: ({ callId }, callOptions) =>
      call("terminateCall", { callId }, okResultSchema, callOptions),
    hangupCall: ({ callId }, callOptions) =>
      call("hangupCall", { callId }, okResultSchema, callOptions),
    getRecording: ({ callId }, callOptions) =>
      call("getRecording", { callId }, recordingResultSchema, callOptions),
    getCalls: ({ from, to, cursor }, callOptions) =>
      call(
        "getCalls",
        { from: from.toISOString(), to: to.toISOString(), cursor },
        callsResultSchema,
        callOptions,
      ),
    getActiveCalls: async (callOptions) =>
      (await call("getActiveCalls", {}, activeCallsResultSchema, callOptions)).calls,
    downloadFile: async (rawUrl, init = {}) => {
      const url = resolveFileUrl(rawUrl);
      return transport.execute({
        method: "downloadFile",
        isIdempotent: true,
        timeoutMs: init.timeoutMs ?? timeoutMs,
        maxRetries,
        request: (token) => ({
          url,
          init: {
            method: "GET",
            headers: { authorization: `Bearer ${token}`, ...(init.range && { range: init.range }) },
          },
        }),
        read: async (response) => {
          if (!response.ok) {
            await discardBody(response);
            const message = `MTT answered HTTP ${response.status} for a recording file`;
            throw new MttApiError("http", "downloadFile", message, { status: response.status });
          }
          const whole = init.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
          const asked = rangeLength(init.range);
          const limit = response.status === 206 && asked !== null ? Math.min(asked, whole) : whole;
          const body = await readBodyCapped(response, limit).catch((error: unknown) => {
            if (!(error instanceof BodyTooLargeError)) throw error;
            const message = `The recording file answer is larger than ${limit} bytes`;
            throw new MttApiError("invalid_result", "downloadFile", message, {
              status: response.status,
            });
          });
          return {
            status: response.status,
            contentRange: response.headers.get("content-range"),
            body,
          };
        },
      });
    },
  };
}

async function readRpcResult<T>(
  method: string,
  id: number,
  response: Response,
  schema: z.ZodType<T>,
): Promise<T> {
  const { status } = response;
  let text: string;
  try {
    text = (await readBodyCapped(response, MAX_RPC_ANSWER_BYTES)).toString("utf8");
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const message = `MTT's answer to ${method} is larger than ${MAX_RPC_ANSWER_BYTES} bytes`;
    throw new MttApiError("invalid_result", method, message, { status });
  }
  const envelope = rpcResponseSchema.safeParse(parseJson(text));
  if (!envelope.success || !response.ok) {
    const error = envelope.data?.error;
    if (error) throw rpcError(method, status, error);
    if (!response.ok) {
      throw new MttApiError("http", method, `MTT answered HTTP ${status} to ${method}`, { status });
    }
    const message = `MTT answered ${method} with something that is not a JSON-RPC response`;
    throw new MttApiError("invalid_result", method, message, { status });
  }
  const { error, result, id: answeredId } = envelope.data;
  if (error) throw rpcError(method, status, error);
  if (answeredId !== undefined && answeredId !== null && String(answeredId) !== String(id)) {
    const message = `MTT answered request ${String(answeredId)} to ${method} (expected ${id})`;
    throw new MttApiError("invalid_result", method, message, { status });
  }
  const parsed = parseWire(schema, result, "result");
  if (!parsed.ok) {
    const message = `MTT sent an unexpected result for ${method}: ${parsed.reason}`;
    throw new MttApiError("invalid_result", method, message, { status });
  }
  return parsed.data;
}

function rpcError(
  method: string,
  status: number,
  error: { code: number; message: string; data?: unknown },
): MttApiError {
  const meaning = error.message || RPC_MEANINGS[error.code] || "no message";
  return new MttApiError("rpc", method, `MTT refused ${method}: ${meaning} (${error.code})`, {
    mttCode: error.code,
    mttData: error.data,
    status,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** api.mtt.ru → ["mtt.ru"]; IP addresses and single labels trust their own origin only. */
function defaultFileHosts(apiHost: string): string[] {
  if (/^[\d.]+$/.test(apiHost) || apiHost.includes(":") || !apiHost.includes(".")) return [];
  const labels = apiHost.split(".");
  return [labels.length >= 3 ? labels.slice(1).join(".") : apiHost];
}
