import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** Keys whose values may hold personal data; pino replaces them in every log line. */
const REDACT = ['*.phone', '*.idNumber', 'text', '*.text', 'msg.text', 'update.message.text'];

export interface LoggerOptions {
  /** Write JSON lines to this file instead (the terminal chat, which owns stdout). */
  file?: string;
  /** 1 = stdout (the bot), 2 = stderr (command-line tools, whose stdout is their report). */
  fd?: 1 | 2;
  /** Whether that stream is a terminal; defaults to the process's own. */
  isTTY?: boolean;
}

/**
 * Creates the root logger: JSON lines, or pino-pretty in development when the stream is a terminal
 * (never colour codes in a pipe or a file).
 */
export function createLogger(config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>, options: LoggerOptions = {}): Logger {
  const base = { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[已隐藏]' } };
  if (options.file) return pino(base, pino.destination({ dest: options.file, mkdir: true, sync: false }));
  const fd = options.fd ?? 1;
  const isTTY = options.isTTY ?? Boolean(fd === 2 ? process.stderr.isTTY : process.stdout.isTTY);
  if (config.NODE_ENV === 'development' && isTTY) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: fd, colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base, pino.destination({ dest: fd, sync: true }));
}

/** A logger that writes nothing, for tests and tools. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
