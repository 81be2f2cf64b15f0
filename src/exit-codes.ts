import { ValidationError } from './errors.js';

/**
 * Exit codes of every command-line tool (npm run report / reminders / catalog:check / match), as the
 * README lists them: scripts and cron jobs can tell "fix the data" from "fix the command".
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A data, rules, catalog or configuration problem (the message names the file or variable), or a failure. */
  failed: 1,
  /** Bad arguments, or refused (the data directory is in use, no BOT_TOKEN for a real send). */
  usage: 2,
} as const;

/** The exit code for an error: bad arguments (ours or node:util parseArgs') are a usage error, anything else a failure. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ValidationError) return EXIT.usage;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : EXIT.failed;
}
