// People write numbers every way a keyboard allows: "110101 19900307 1234", "１３８…", "(138)12345678",
// "0086 138…", "138.1234.5678". Each character is first folded to ASCII where NFKC makes it a digit or
// a separator (one character for one, so positions stay those of the original text); then runs of
// digit groups joined by separators are matched as a whole against the number shapes below.

/** Characters that may sit between the digits of one number. */
const SEPARATORS = new Set([' ', '\t', '\u00a0', '\u3000', '.', '-', '(', ')', '（', '）', '–', '—', '‐', '‑', '·', '/', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
const ID_18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;
const ID_15 = /^[1-9]\d{14}$/;
const MOBILE = /^(?:(?:00|\+)?86)?(1[3-9]\d)\d{4}(\d{4})$/;
/** Area code (010 and 02x have 3 digits, all others 4), then 7–8 digits: 010-12345678, 0755 8765 4321. */
const LANDLINE = /^(?:(?:00|\+)?86)?(0(?:10|2\d)|0[3-9]\d{2})(\d{7,8})$/;
/** A number never spans more groups than this (ID cards written 4-4-4-4-2 have five). */
const MAX_GROUPS = 6;

/** Folds one character to ASCII when NFKC makes it a digit, X, + or a separator; else keeps it. */
function fold(ch: string): string {
  if (ch.length !== 1 || ch.charCodeAt(0) < 0x80) return ch;
  const n = ch.normalize('NFKC');
  return n.length === 1 && /[0-9Xx+.\-() ]/.test(n) ? n : ch;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** The masked form of a whole number, or undefined when `digits` is not an ID or phone number. */
function maskNumber(digits: string): string | undefined {
  if (ID_18.test(digits)) return `${digits.slice(0, 6)}***********${digits.slice(-1)}`;
  if (ID_15.test(digits)) return `${digits.slice(0, 6)}*********`;
  const mobile = MOBILE.exec(digits);
  if (mobile) return `${mobile[1] ?? ''}****${mobile[2] ?? ''}`;
  const land = LANDLINE.exec(digits);
  if (land) {
    const [, area = '', number = ''] = land;
    return `${area}-${'*'.repeat(number.length - 2)}${number.slice(-2)}`;
  }
  return undefined;
}

/** Digit groups (with a trailing X of an ID card, and a leading + of +86) and where they are. */
function digitGroups(folded: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let i = 0;
  while (i < folded.length) {
    const ch = folded[i] ?? '';
    if (/\d/.test(ch) || (ch === '+' && /\d/.test(folded[i + 1] ?? ''))) {
      const start = i;
      if (ch === '+') i++;
      while (/\d/.test(folded[i] ?? '')) i++;
      if (/[Xx]/.test(folded[i] ?? '') && !/[A-Za-z]/.test(folded[i + 1] ?? '')) i++;
      run.push({ start, end: i, digits: folded.slice(start, i).replace('+', '') });
      continue;
    }
    if (!SEPARATORS.has(ch) || run.length === 0) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    i++;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Masks citizens' personal data in free text before it is logged, stored or shown to managers:
 * 身份证号 keep the region prefix and check character, mobiles their first 3 and last 4 digits,
 * landlines the area code and last 2 digits. Spaces, dots, dashes and brackets inside a number,
 * full-width digits and 86 / +86 / 0086 prefixes do not hide a number from it.
 */
export function maskPersonalData(text: string): string {
  const folded = Array.from(text, fold).join('');
  // `fold` maps each UTF-16 unit outside ASCII one for one (astral characters are left alone), so
  // offsets in `folded` are offsets in `text`.
  if (folded.length !== text.length) return text;
  const cuts: { start: number; end: number; masked: string }[] = [];
  for (const run of digitGroups(folded)) {
    let g = 0;
    while (g < run.length) {
      // The longest span of groups starting here that spells a whole number.
      let found: { to: number; masked: string } | undefined;
      let digits = '';
      for (let to = g; to < run.length && to < g + MAX_GROUPS; to++) {
        digits += run[to]?.digits ?? '';
        if (digits.length > 20) break;
        const masked = maskNumber(digits);
        if (masked) found = { to, masked };
      }
      if (!found) {
        g++;
        continue;
      }
      const first = run[g];
      const last = run[found.to];
      if (first && last) cuts.push({ start: first.start, end: last.end, masked: found.masked });
      g = found.to + 1;
    }
  }
  if (cuts.length === 0) return text;
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    out += text.slice(at, cut.start) + cut.masked;
    at = cut.end;
  }
  return out + text.slice(at);
}
