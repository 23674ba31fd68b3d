// Types of scripts/check-log-secrets.mjs, for its test.
export declare const LOG_DIR: string;
export declare const RUN_SECRETS_FILE: string;
export declare const SECRET_SHAPES: Array<[string, RegExp]>;
export type Finding = { file: string; line: number; what: string };
export declare function knownSecrets(logDir?: string): Array<[string, string]>;
export declare function scanLogs(logDir?: string, secrets?: Array<[string, string]>): Finding[];
