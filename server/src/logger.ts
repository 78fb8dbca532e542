// The only place osslint writes log output. As a language server the sink is the connection's console (the
// client's output channel); everywhere else (CLI, tests) it is stderr, so stdout stays clean for results.
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Matches the shape of vscode-languageserver's RemoteConsole without importing it (the CLI must not). */
export interface LogSink {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

const stderrSink: LogSink = {
  error: (m) => process.stderr.write(`osslint: error: ${m}\n`),
  warn: (m) => process.stderr.write(`osslint: warning: ${m}\n`),
  info: (m) => process.stderr.write(`osslint: ${m}\n`),
  log: (m) => process.stderr.write(`osslint: debug: ${m}\n`),
};

let sink: LogSink = stderrSink;
let threshold: LogLevel = 'info';

function enabled(level: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export const logger = {
  error(message: string, err?: unknown): void {
    if (enabled('error')) sink.error(err === undefined ? message : `${message}: ${describe(err)}`);
  },
  warn(message: string): void {
    if (enabled('warn')) sink.warn(message);
  },
  info(message: string): void {
    if (enabled('info')) sink.info(message);
  },
  debug(message: string): void {
    if (enabled('debug')) sink.log(message);
  },
  setLevel(level: LogLevel): void {
    threshold = level;
  },
  get level(): LogLevel {
    return threshold;
  },
  /** Route logs to the LSP connection's console; `undefined` restores stderr. */
  setSink(next: LogSink | undefined): void {
    sink = next ?? stderrSink;
  },
};
