/**
 * A small structured logger: one JSON object per line on stdout (stderr for errors). Callers
 * pass event names and counts, never personal data (names, phones, passwords, tokens).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: { level?: LogLevel; write?: (line: string, level: LogLevel) => void } = {}): Logger {
  const min = ORDER[options.level ?? ((process.env.GRIDATLAS_LOG_LEVEL as LogLevel | undefined) || 'info')] ?? 20;
  const write =
    options.write ?? ((line: string, level: LogLevel) => (level === 'error' ? process.stderr : process.stdout).write(line + '\n'));
  const emit = (level: LogLevel, event: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }), level);
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
}

/** For tests and library use: drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
