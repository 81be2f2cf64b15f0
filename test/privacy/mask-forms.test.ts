import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/privacy/mask.js';

// Every form the fault probe found stored raw (issue 12), and the ones masked before.
const FORMS: { form: string; secret: RegExp; kept: string }[] = [
  { form: '110101199003071234', secret: /19900307/, kept: '110101' },
  { form: '110101 19900307 1234', secret: /19900307/, kept: '110101' },
  { form: '110101-19900307-1234', secret: /19900307/, kept: '110101' },
  { form: '1101 0119 9003 0712 34', secret: /9003|0712/, kept: '110101' },
  { form: '１１０１０１１９９００３０７１２３Ｘ', secret: /１９９０|1990/, kept: '110101' },
  { form: '110101900307123', secret: /900307/, kept: '110101' },
  { form: '13812345678', secret: /1234/, kept: '138****5678' },
  { form: '138 1234 5678', secret: /1234/, kept: '138****5678' },
  { form: '138-1234-5678', secret: /1234/, kept: '138****5678' },
  { form: '+86 138 1234 5678', secret: /1234/, kept: '138****5678' },
  { form: '+8613812345678', secret: /1234/, kept: '138****5678' },
  { form: '008613812345678', secret: /1234/, kept: '138****5678' },
  { form: '138.1234.5678', secret: /1234/, kept: '138****5678' },
  { form: '(138)12345678', secret: /1234/, kept: '138****5678' },
  { form: '（138）1234 5678', secret: /1234/, kept: '138****5678' },
  { form: '１３８１２３４５６７８', secret: /１２３４|1234/, kept: '138****5678' },
  { form: '１３８－１２３４－５６７８', secret: /１２３４|1234/, kept: '138****5678' },
  { form: '138\u200b1234\u200b5678', secret: /1234/, kept: '138****5678' },
  { form: '010-12345678', secret: /123456/, kept: '010-' },
  { form: '0755 8765 4321', secret: /8765/, kept: '0755-' },
  { form: '0471-6651234', secret: /665/, kept: '0471-' },
];

describe('masking every way a number is written', () => {
  it.each(FORMS)('masks $form', ({ form, secret, kept }) => {
    const masked = maskPersonalData(`我的号码是${form}，请联系`);
    expect(masked).not.toMatch(secret);
    expect(masked).toContain(kept);
    expect(masked.startsWith('我的号码是')).toBe(true);
    expect(masked.endsWith('，请联系')).toBe(true);
  });

  it('masks two numbers side by side separately', () => {
    const masked = maskPersonalData('电话13812345678 身份证 110101199003071234');
    expect(masked).toBe('电话138****5678 身份证 110101***********4');
  });

  it('leaves dates, amounts, item numbers and ordinary full-width text alone', () => {
    for (const text of ['2026-09-14 申请，３口人，每月800元（第１２条）', '第1.2条 2026年3月31日前', '编号 20260914-001']) {
      expect(maskPersonalData(text), text).toBe(text);
    }
  });
});
