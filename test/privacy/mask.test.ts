import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/privacy/mask.js';

describe('masking personal data', () => {
  it('hides the birth date and sequence of an 18-digit ID number', () => {
    const masked = maskPersonalData('我的身份证是11010119900307123X，帮我查');
    expect(masked).not.toMatch(/19900307/);
    expect(masked).toContain('110101');
    expect(masked).toMatch(/X/);
  });

  it('hides the middle of mobile numbers, with or without +86 and separators', () => {
    for (const phone of ['13812345678', '+86 138-1234-5678', '86 13812345678']) {
      const masked = maskPersonalData(`电话 ${phone}`);
      expect(masked, phone).not.toMatch(/1234/);
      expect(masked, phone).toMatch(/5678/);
    }
  });

  it('hides landline numbers', () => {
    expect(maskPersonalData('座机 0471-6651234')).not.toContain('6651234');
  });

  it('leaves ordinary text and short numbers alone', () => {
    const text = '低保一个月能领800元吗，我家3口人，2026年申请';
    expect(maskPersonalData(text)).toBe(text);
  });
});
