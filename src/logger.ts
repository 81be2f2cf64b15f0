import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** Keys whose values may hold personal data; pino replaces them in every log line. */
const REDACT = ['*.phone', '*.idNumber', 'text', '*.text', 'msg.text', 'update.message.text'];

/**
 * Creates the root logger: JSON in production and tests, pino-pretty in development only, or JSON
 * lines to `options.file`.
 */
export function createLogger(config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>, options: { file?: string } = {}): Logger {
  const base = { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[已隐藏]' } };
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
