import { randomInt } from 'node:crypto';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 8 base-36 digits of milliseconds plus 3 random ones: 11 bytes, sortable, and dates itself. */
export function newAnswerId(at: number): string {
  let rand = '';
  for (let i = 0; i < 3; i++) rand += ID_ALPHABET[randomInt(36)];
  return at.toString(36) + rand;
}

/** The time encoded in an answer id, or undefined for ids this code never issued. */
export function answerIdTime(id: string): number | undefined {
  if (!/^[0-9a-z]{9,12}$/.test(id)) return undefined;
  const at = Number.parseInt(id.slice(0, -3), 36);
  return Number.isSafeInteger(at) ? at : undefined;
}
