import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { maskPersonalData } from './privacy/mask.js';

export type { Logger };

/**
 * Keys whose values may hold personal data; pino replaces them in every log line. A failed Bot API
 * call carries its request in `err.payload` (a complaint's text on its way to the managers' chat).
 */
const REDACT = [
  '*.phone', '*.idNumber', 'text', '*.text', 'question', '*.question', 'msg.text', 'update.message.text',
  'err.payload.text', 'err.payload.caption', 'error.payload.text', 'error.payload.caption',
  'err.payload.reply_markup', 'error.payload.reply_markup', 'ctx.update', 'update.message.caption',
];

/** The standard error serializer, with personal data masked in what the message or stack may quote. */
function maskedError(error: unknown): unknown {
  const s = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown> | undefined;
  if (!s || typeof s !== 'object') return s;
  for (const key of ['message', 'stack', 'description'] as const) {
    const value = s[key];
    if (typeof value === 'string') s[key] = maskPersonalData(value);
  }
  return s;
}

export interface LoggerOptions {
  /** Write JSON lines to this file instead (the terminal chat, which owns stdout). */
  file?: string;
  /** 1 = stdout (the bot), 2 = stderr (command-line tools, whose stdout is their report). */
  fd?: 1 | 2;
  /** Whether that stream is a terminal; defaults to the process's own. */
  isTTY?: boolean;
  /** Write to this stream instead (tests that read the lines back). */
  destination?: pino.DestinationStream;
}

/**
 * Creates the root logger: JSON lines, or pino-pretty in development when the stream is a terminal
 * (never colour codes in a pipe or a file).
 */
export function createLogger(config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>, options: LoggerOptions = {}): Logger {
  const base = {
    level: config.LOG_LEVEL,
    // Text is kept, masked, so a log still explains what happened; anything else there is hidden.
    redact: { paths: REDACT, censor: (value: unknown) => (typeof value === 'string' ? maskPersonalData(value) : '[已隐藏]') },
    serializers: { err: maskedError, error: maskedError },
  };
  if (options.destination) return pino(base, options.destination);
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
