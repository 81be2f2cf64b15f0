import type { OrgKind } from './types.js';

/** GB 32100-2015 alphabet; a character's value is its index. I, O, S, V and Z are never used. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of positions 1..17: 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** 51/52/53 fix the kind; other 5x codes are 民政 but not an organisation that files an annual report. */
const KIND_BY_PREFIX: Readonly<Record<string, OrgKind>> = {
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
};

export type CreditCodeProblem =
  | { reason: 'empty' }
  | { reason: 'length'; length: number }
  | { reason: 'character'; position: number; char: string }
  // The expected character is deliberately not carried: told it, a person with a typo in the middle
  // would change only the last character and subscribe a wrong code that passes the check.
  | { reason: 'check' };

export type CreditCodeResult =
  | { ok: true; code: string; kind?: OrgKind; department: string; category: string }
  | ({ ok: false } & CreditCodeProblem);

/**
 * The check character for the first 17 characters of a code.
 * @throws RangeError when `body` is not 17 characters of the alphabet (a programming error).
 */
export function creditCheckChar(body: string): string {
  if (body.length !== 17) throw new RangeError(`need 17 characters, got ${body.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(body.charAt(i));
    if (value < 0) throw new RangeError(`bad character ${body.charAt(i)}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Normalises what a user typed: full-width characters to half-width, spaces and dashes removed,
 * letters upper-cased. People paste codes from PDFs and 营业执照 photos' OCR.
 */
export function normaliseCreditCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-_]/g, '')
    .toUpperCase();
}

/**
 * Validates a 统一社会信用代码 fully (length, alphabet, check character) and reads its kind.
 * Never throws: every failure comes back as a reason the caller can explain.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  if (code.length === 0) return { ok: false, reason: 'empty' };
  if (code.length !== 18) return { ok: false, reason: 'length', length: [...code].length };
  for (let i = 0; i < 18; i++) {
    const char = code.charAt(i);
    if (!ALPHABET.includes(char)) return { ok: false, reason: 'character', position: i + 1, char };
  }
  if (creditCheckChar(code.slice(0, 17)) !== code.charAt(17)) return { ok: false, reason: 'check' };
  const kind = KIND_BY_PREFIX[code.slice(0, 2)];
  return { ok: true, code, department: code.charAt(0), category: code.charAt(1), ...(kind ? { kind } : {}) };
}

/** A warm, exact explanation of why a code was refused, in the words a 窗口 clerk would use. */
export function describeCreditCodeProblem(problem: CreditCodeProblem): string {
  switch (problem.reason) {
    case 'empty':
      return '还没收到代码呢，请发送 18 位统一社会信用代码。';
    case 'length':
      return `统一社会信用代码应为 18 位，您发来的是 ${problem.length} 位，请核对一下登记证书上的代码。`;
    case 'character':
      return problem.char === 'I' || problem.char === 'O' || problem.char === 'S' || problem.char === 'V' || problem.char === 'Z'
        ? `第 ${problem.position} 位是“${problem.char}”，信用代码里不用字母 I、O、S、V、Z，可能是数字 1、0、5 或字母看错了，请再核对一下。`
        : `第 ${problem.position} 位“${problem.char}”不是信用代码里会出现的字符（只有数字和大写字母），请再核对一下。`;
    case 'check':
      return '这个代码没有通过校验，可能有一位抄错了（不一定是最后一位）。请对照登记证书，把 18 位代码逐位重新抄一遍发给我。';
  }
}

/**
 * What a valid code means for subscribing: 51/52/53 fix the kind; other 民政 codes (5x) may subscribe
 * after choosing a kind themselves; anything else (91 enterprises, 71 religious sites …) is not ours.
 */
export function classifyCreditCode(code: string): 'fixed' | 'ask-kind' | 'unsupported' {
  if (KIND_BY_PREFIX[code.slice(0, 2)]) return 'fixed';
  return code.startsWith('5') ? 'ask-kind' : 'unsupported';
}

/** Why a valid code that is not 51/52/53 needs a word of explanation (and, for 5x, a kind). */
export function describeUnusualCode(code: string): string {
  if (code.startsWith('5')) {
    return '这是民政部门登记的代码，但第 2 位不是 1、2、3，系统判断不出是社会团体、民办非企业单位还是基金会。如果贵单位需要报送年度报告，请在下面选一下类型；不需要的话点“取消”就好。';
  }
  if (code.startsWith('9')) {
    return '这是市场监管部门登记的企业代码（9 开头）。企业年报请通过国家企业信用信息公示系统报送；这里的提醒只服务民政部门登记的社会组织（代码以 51、52、53 开头）。';
  }
  return '这个代码不是民政部门登记的社会组织代码（社会组织的代码以 51、52、53 开头），这里的年检提醒暂时帮不上忙。如有疑问，欢迎拨打服务热线咨询。';
}
