export type MttApiErrorKind =
  | "rpc"
  | "unauthorized"
  | "rate_limited"
  | "timeout"
  | "network"
  | "http"
  | "invalid_result"
  // downloadFile refuses to send the token to a host that is not MTT's.
  | "untrusted_url";

/** MTT's application error codes (JSON-RPC `error.code`). */
export const MTT_ERROR = {
  CALL_NOT_FOUND: 1001,
  /** Already routed, or the 5 s park timed out: the PBX took the standard route. */
  CALL_NOT_PARKED: 1002,
  WORKPLACE_NOT_FOUND: 1003,
  NUMBER_INVALID: 1004,
} as const;

export class MttApiError extends Error {
  readonly kind: MttApiErrorKind;
  /** JSON-RPC error code, for kind "rpc". */
  readonly mttCode?: number;
  /** JSON-RPC `error.data`, as sent. */
  readonly mttData?: unknown;
  readonly status?: number;
  /** For kind "rate_limited": how long MTT asked us to wait. */
  readonly retryAfterMs?: number;
  readonly method: string;

  constructor(
    kind: MttApiErrorKind,
    method: string,
    message: string,
    details: {
      mttCode?: number;
      mttData?: unknown;
      status?: number;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "MttApiError";
    this.kind = kind;
    this.method = method;
    this.mttCode = details.mttCode;
    this.mttData = details.mttData;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}
