import { MttApiError } from "@/server/mtt/api-error";
import { describeFetchError, fetchErrorCode, isNotSentError } from "@/server/mtt/fetch-errors";
import { OutboundRefusedError } from "@/server/mtt/outbound";
import { backoffDelayMs, parseRetryAfterMs } from "@/server/mtt/retry-policy";

export type MttLogger = {
  warn: (message: string, fields?: Record<string, unknown>) => void;
  debug?: (message: string, fields?: Record<string, unknown>) => void;
};

export type TransportConfig = {
  getAccessToken: () => Promise<string>;
  refreshAccessToken: () => Promise<string>;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => Date;
  /** A longer Retry-After fails at once (kind "rate_limited") instead of blocking the caller. */
  maxRetryAfterMs: number;
  log: MttLogger;
};

export type Attempt<T> = {
  /** The RPC method, or "downloadFile": for errors and logs. */
  method: string;
  timeoutMs: number;
  maxRetries: number;
  /** False for calls with side effects (makeCall): never repeated when the PBX may have acted. */
  isIdempotent: boolean;
  request: (token: string) => { url: string; init: RequestInit };
  /** Reads a response the policy does not handle itself (2xx, other 4xx), inside the timeout. */
  read: (response: Response) => Promise<T>;
};

type Sent<T> =
  | { outcome: "done"; value: T }
  | { outcome: "unauthorized" }
  | { outcome: "rate_limited"; retryAfterMs?: number }
  | { outcome: "server_error"; status: number }
  | { outcome: "failed"; error: MttApiError; wasSent: boolean };

export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export function createTransport(config: TransportConfig) {
  let refreshing: Promise<string> | undefined;
  // Bumped by every completed refresh, so a request that read its token before a refresh
  // finished retries with the new token instead of refreshing again.
  let generation = 0;
  let latestToken: string | undefined;
  // Refreshes started so far, and the last one's failure: requests that were already under way
  // when it failed share that failure instead of each asking MTT's OAuth server again.
  let started = 0;
  let failed: { attempt: number; error: unknown } | undefined;

  type Seen = { generation: number; started: number };

  async function refresh(seen: Seen, method: string): Promise<string> {
    if (!refreshing && generation !== seen.generation && latestToken !== undefined) {
      return latestToken;
    }
    try {
      if (!refreshing && failed && failed.attempt > seen.started) throw failed.error;
      if (!refreshing) {
        const attempt = ++started;
        refreshing = config
          .refreshAccessToken()
          .then(
            (token) => {
              generation++;
              latestToken = token;
              failed = undefined;
              return token;
            },
            (error: unknown) => {
              failed = { attempt, error };
              throw error;
            },
          )
          .finally(() => {
            refreshing = undefined;
          });
      }
      return await refreshing;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new MttApiError(
        "unauthorized",
        method,
        `Could not refresh the MTT access token: ${detail}`,
        {
          status: 401,
          cause: error,
        },
      );
    }
  }

  async function send<T>(attempt: Attempt<T>, token: string): Promise<Sent<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), attempt.timeoutMs);
    try {
      const { url, init } = attempt.request(token);
      const response = await config.fetch(url, { ...init, signal: controller.signal });
      const { status } = response;
      if (status === 401 || status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), config.now());
        await discardBody(response);
        if (status === 401) return { outcome: "unauthorized" };
        if (status === 429) return { outcome: "rate_limited", retryAfterMs };
        return { outcome: "server_error", status };
      }
      return { outcome: "done", value: await attempt.read(response) };
    } catch (error) {
      if (error instanceof MttApiError) throw error;
      const { method, timeoutMs } = attempt;
      // The host policy refused the address: no retry will change that.
      if (error instanceof OutboundRefusedError || fetchErrorCode(error) === "EOUTBOUNDREFUSED") {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MttApiError("untrusted_url", method, reason, { cause: error });
      }
      if (controller.signal.aborted) {
        const message = `MTT did not answer ${method} within ${timeoutMs} ms`;
        return {
          outcome: "failed",
          wasSent: true,
          error: new MttApiError("timeout", method, message),
        };
      }
      const message = `Could not reach MTT for ${method}: ${describeFetchError(error)}`;
      return {
        outcome: "failed",
        wasSent: !isNotSentError(error),
        error: new MttApiError("network", method, message, { cause: error }),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs one logical request: 401 → one shared refresh and one retry; 429 → waits Retry-After;
   * 5xx, network errors and timeouts → exponential backoff, at most `maxRetries` times.
   */
  async function execute<T>(attempt: Attempt<T>): Promise<T> {
    const { method, maxRetries } = attempt;
    const seen = { generation, started };
    let token = await config.getAccessToken();
    let hasRefreshed = false;
    for (let retries = 0; ; retries++) {
      const sent = await send(attempt, token);
      let delayMs: number;
      if (sent.outcome === "done") return sent.value;
      if (sent.outcome === "unauthorized") {
        if (hasRefreshed) {
          const message = `MTT rejected the access token for ${method} even after a refresh`;
          throw new MttApiError("unauthorized", method, message, { status: 401 });
        }
        hasRefreshed = true;
        config.log.debug?.("MTT access token rejected; refreshing", { method });
        token = await refresh(seen, method);
        retries--; // the retry after a refresh does not count against maxRetries
        continue;
      }
      if (sent.outcome === "rate_limited") {
        const wait = sent.retryAfterMs;
        if (retries >= maxRetries || (wait !== undefined && wait > config.maxRetryAfterMs)) {
          const message = `MTT rate-limited ${method}${wait === undefined ? "" : `; retry after ${Math.ceil(wait / 1000)} s`}`;
          throw new MttApiError("rate_limited", method, message, {
            status: 429,
            retryAfterMs: wait,
          });
        }
        delayMs = wait ?? backoffDelayMs(retries, config.random);
      } else if (sent.outcome === "server_error") {
        if (!attempt.isIdempotent || retries >= maxRetries) {
          const message = `MTT answered HTTP ${sent.status} to ${method}`;
          throw new MttApiError("http", method, message, { status: sent.status });
        }
        delayMs = backoffDelayMs(retries, config.random);
      } else {
        if ((!attempt.isIdempotent && sent.wasSent) || retries >= maxRetries) throw sent.error;
        delayMs = backoffDelayMs(retries, config.random);
      }
      config.log.warn("MTT request failed; retrying", {
        method,
        failure: sent.outcome === "failed" ? sent.error.kind : sent.outcome,
        retry: retries + 1,
        delayMs,
      });
      await config.sleep(delayMs);
    }
  }

  return { execute };
}
