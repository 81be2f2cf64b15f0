import { HttpError } from 'grammy';

/**
 * System error codes that mean the request never reached the server (no connection was made), so
 * sending it again cannot make a duplicate. Anything else (ECONNRESET, "socket hang up", a timeout)
 * may come after Telegram took the message.
 */
const NEVER_LEFT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/** The system error code under a grammY HttpError (node-fetch puts it on `error.code`), if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let cause: unknown = error instanceof HttpError ? error.error : error;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a failed Bot API call certainly did not reach Telegram: safe to try again. */
export function requestNeverLeft(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NEVER_LEFT.has(code);
}
