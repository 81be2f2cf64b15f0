import { open } from 'node:fs/promises';

// The report's fast path over the logs. It reads the same lines the codecs do, but straight from the
// bytes: no string per line, no array of lines, no record object. Over a million ratings and a million
// answers the codecs' strings and records were a fifth of the report time in garbage collection alone.

/** Gets one line as a byte range of `buf`, without its "\n"; the range is only valid during the call. */
export type LineVisitor = (buf: Buffer, start: number, end: number) => void;

const READ_SIZE = 1 << 20;
const NL = 0x0a;
const TAB = 0x09;
const END = 0x24; // '$', the closing field of every line

/**
 * Streams a file's lines through one reused buffer, `readSize` bytes per read, so memory stays flat
 * however big the partition is. The last, unterminated line (torn by a crash) is passed on too, for
 * the line check to reject, exactly as the codecs' reader does.
 */
export async function scanLines(file: string, visit: LineVisitor, readSize = READ_SIZE): Promise<void> {
  const handle = await open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(readSize);
    let filled = 0; // bytes of a line carried over from the previous read
    for (;;) {
      if (filled === buf.length) {
        // One line longer than the buffer (a very long question): make room for it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      // indexOf is a native memchr: several times faster than a loop over the bytes in JavaScript.
      const view = buf.subarray(0, end);
      let start = 0;
      // The carried bytes hold no newline, so the search starts at the new ones.
      for (let i = view.indexOf(NL, filled); i !== -1; i = view.indexOf(NL, i + 1)) {
        if (i > start) visit(view, start, i);
        start = i + 1;
      }
      buf.copyWithin(0, start, end);
      filled = end - start;
    }
    if (filled > 0) visit(buf, 0, filled);
  } finally {
    await handle.close();
  }
}

/** Tab positions of the line last checked by `findTabs`: shared, so checking a line allocates nothing. */
export const TABS = new Int32Array(16);

/** Position of the i-th tab found by the last `findTabs`. */
export const tabAt = (i: number): number => TABS[i] ?? 0;

/**
 * True when the line has exactly `n` tab-separated fields and ends in "\t$" (a torn line never does);
 * the tabs are then in TABS. The same test as the codecs' `findTabs`, on bytes.
 */
export function findTabs(buf: Buffer, start: number, end: number, n: number): boolean {
  if (end - start < 2 || buf[end - 1] !== END || buf[end - 2] !== TAB) return false;
  let count = 0;
  const last = n - 1;
  // A plain loop: a native indexOf per field costs more in calls than it saves on a line this short.
  for (let i = start; i < end; i++) {
    if (buf[i] === TAB) {
      if (count === last) return false;
      TABS[count++] = i;
    }
  }
  return count === last;
}

/** The integer written in bytes [start, end); NaN when not an integer (same rules as the codecs). */
export function intAt(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45; // '-': group chats have negative ids
  if (negative) i++;
  if (i >= end || end - i > 16) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = (buf[i] ?? 0) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/** True when bytes [start, end) are those of `word` (a loop: a native compare costs more for a few bytes). */
export function bytesEqual(word: Uint8Array, buf: Buffer, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word[i] !== buf[start + i]) return false;
  return true;
}

/** True when bytes [start, end) spell one of `words` (ASCII), e.g. the answer kinds. */
export function isOneOf(words: readonly Uint8Array[], buf: Buffer, start: number, end: number): boolean {
  for (const w of words) if (bytesEqual(w, buf, start, end)) return true;
  return false;
}
