// Node's fetch throws `TypeError("fetch failed")` and hides the useful part in `cause`.

function causeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined;
}

/** The system error code (ECONNREFUSED, ENOTFOUND…) anywhere in the cause chain. */
export function fetchErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    if (typeof current === "object" && current !== null && "code" in current) {
      if (typeof current.code === "string") return current.code;
    }
    current = causeOf(current);
  }
  return undefined;
}

export function describeFetchError(error: unknown): string {
  const code = fetchErrorCode(error);
  const cause = causeOf(error);
  const message =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

// The request never left this machine, so even a call with side effects is safe to repeat.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function isNotSentError(error: unknown): boolean {
  const code = fetchErrorCode(error);
  return code !== undefined && NOT_SENT.has(code);
}
