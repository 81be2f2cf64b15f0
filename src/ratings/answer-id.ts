import { randomInt } from 'node:crypto';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/**
 * Random digits after the time. Three (ids issued before 2026-12) clashed about once a second at
 * bench rates, and a clashing record is refused after its card was sent; eight make a clash within
 * one millisecond, across every instance, a one-in-a-trillion event.
 */
const RANDOM_DIGITS = 8;
const OLD_RANDOM_DIGITS = 3;

/** Base-36 digits of the time, zero-padded (9 reach the year 5000): the id has one length. */
const TIME_DIGITS = 9;
const NEW_LENGTH = TIME_DIGITS + RANDOM_DIGITS;

/** Answer ids as issued now (17 characters) and before (9 to 12): buttons under old cards still work. */
export const ANSWER_ID = /^(?:[0-9a-z]{9,12}|[0-9a-z]{17})$/;

/** 9 base-36 digits of milliseconds plus 8 random ones: 17 bytes, sortable, and dates itself. */
export function newAnswerId(at: number): string {
  let rand = '';
  for (let i = 0; i < RANDOM_DIGITS; i++) rand += ID_ALPHABET[randomInt(36)];
  return at.toString(36).padStart(TIME_DIGITS, '0') + rand;
}

/** The time encoded in an answer id, or undefined for ids this code never issued. */
export function answerIdTime(id: string): number | undefined {
  if (!ANSWER_ID.test(id)) return undefined;
  const at = Number.parseInt(id.slice(0, id.length === NEW_LENGTH ? -RANDOM_DIGITS : -OLD_RANDOM_DIGITS), 36);
  return Number.isSafeInteger(at) ? at : undefined;
}
