import { describe, expect, it } from 'vitest';
import {
  classifyCreditCode,
  creditCheckChar,
  describeCreditCodeProblem,
  describeUnusualCode,
  validateCreditCode,
} from '../../src/reminders/credit-code.js';
import { codeWith, foundationCode, privateNonEnterpriseCode, socialGroupCode } from './helpers.js';

describe('validateCreditCode', () => {
  it('accepts the published example 91110000600037341L', () => {
    expect(validateCreditCode('91110000600037341L')).toMatchObject({ ok: true, code: '91110000600037341L' });
    expect(creditCheckChar('91110000600037341')).toBe('L');
  });

  it('reads the kind from 51, 52 and 53 codes', () => {
    expect(validateCreditCode(socialGroupCode())).toMatchObject({ ok: true, kind: '社会团体' });
    expect(validateCreditCode(privateNonEnterpriseCode())).toMatchObject({ ok: true, kind: '民办非企业单位' });
    expect(validateCreditCode(foundationCode())).toMatchObject({ ok: true, kind: '基金会' });
  });

  it('leaves the kind unset for a valid enterprise code', () => {
    const result = validateCreditCode('91110000600037341L');
    expect(result.ok && result.kind).toBe(undefined);
  });

  it('normalises lower case, spaces, dashes and full-width characters', () => {
    const code = socialGroupCode(42);
    const messy = ` ${code.slice(0, 6).toLowerCase()}-${code.slice(6, 12)} ${code.slice(12)}`;
    expect(validateCreditCode(messy)).toMatchObject({ ok: true, code });
    const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(validateCreditCode(fullWidth)).toMatchObject({ ok: true, code });
  });

  it('reports an empty input', () => {
    expect(validateCreditCode('  ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reports the length when the code is too short or too long', () => {
    expect(validateCreditCode('9111000060003734')).toEqual({ ok: false, reason: 'length', length: 16 });
    expect(validateCreditCode('91110000600037341L1')).toEqual({ ok: false, reason: 'length', length: 19 });
  });

  it('reports the position of a letter the standard never uses', () => {
    expect(validateCreditCode('91110000600O37341L')).toEqual({ ok: false, reason: 'character', position: 12, char: 'O' });
  });

  it('reports a character outside digits and capital letters', () => {
    expect(validateCreditCode('9111000060003734#L')).toMatchObject({ ok: false, reason: 'character', position: 17, char: '#' });
  });

  it('refuses a code whose check character does not fit', () => {
    expect(validateCreditCode('91350100M000100Y4Z')).toMatchObject({ ok: false, reason: 'character', char: 'Z' });
    expect(validateCreditCode('91350100M000100Y43')).toMatchObject({ ok: true });
    expect(validateCreditCode('91110000600037341X')).toEqual({ ok: false, reason: 'check' });
  });

  it('finds a check character of X when the sum calls for it', () => {
    // Search bodies until one whose check character is X: the letter must come out of the sum right.
    let body = '';
    for (let n = 0; n < 1000 && creditCheckChar(body || '51330000MJ0000000') !== 'X'; n++) {
      body = `51330000MJ${String(n).padStart(7, '0')}`;
    }
    expect(creditCheckChar(body)).toBe('X');
    const wrong = `${body}1`;
    expect(validateCreditCode(wrong)).toEqual({ ok: false, reason: 'check' });
    expect(validateCreditCode(`${body}X`)).toMatchObject({ ok: true });
  });

  it('never tells the person which check character would pass, only to copy the code again', () => {
    const text = describeCreditCodeProblem({ reason: 'check' });
    expect(text).toContain('没有通过校验');
    expect(text).toContain('登记证书');
    expect(text).not.toMatch(/应该是|应为 ?[0-9A-Z]/);
  });

  it('never throws on arbitrary input', () => {
    for (const input of ['', '🙂'.repeat(18), 'ＡＢＣ', '\u0000'.repeat(18), 'x'.repeat(10_000)]) {
      expect(() => validateCreditCode(input)).not.toThrow();
    }
  });
});

describe('explanations', () => {
  it('tell the user how many characters they sent', () => {
    expect(describeCreditCodeProblem({ reason: 'length', length: 15 })).toContain('15 位');
  });

  it('suggest the digit a forbidden letter was probably meant to be', () => {
    expect(describeCreditCodeProblem({ reason: 'character', position: 12, char: 'O' })).toContain('第 12 位');
  });

  it('classify 51/52/53 as fixed, 59 as ask-kind and 91 as unsupported', () => {
    expect(classifyCreditCode(socialGroupCode())).toBe('fixed');
    expect(classifyCreditCode(codeWith('59330000MJ0000001'))).toBe('ask-kind');
    expect(classifyCreditCode('91110000600037341L')).toBe('unsupported');
  });

  it('send an enterprise to the enterprise credit system', () => {
    expect(describeUnusualCode('91110000600037341L')).toContain('国家企业信用信息公示系统');
  });
});
