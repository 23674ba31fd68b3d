export type LogFields = Record<string, unknown>;

/** Same shape as server/logger's `log`, so the CLI can pass it in; the default is silent. */
export type SimulatorLog = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

const noop = () => undefined;

export const silentLog: SimulatorLog = { debug: noop, info: noop, warn: noop, error: noop };
