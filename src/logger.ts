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

/**
 * Creates the root logger: JSON in production and tests, pino-pretty in development only, or JSON
 * lines to `options.file`.
 */
export function createLogger(
  config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>,
  options: { file?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const base = {
    level: config.LOG_LEVEL,
    // Text is kept, masked, so a log still explains what happened; anything else there is hidden.
    redact: { paths: REDACT, censor: (value: unknown) => (typeof value === 'string' ? maskPersonalData(value) : '[已隐藏]') },
    serializers: { err: maskedError, error: maskedError },
  };
  if (options.destination) return pino(base, options.destination);
  // The terminal chat owns stdout, so its logs go to a file.
  if (options.file) return pino(base, pino.destination({ dest: options.file, mkdir: true, sync: false }));
  if (config.NODE_ENV === 'development') {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base);
}

/** A logger that writes nothing, for tests and tools. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
