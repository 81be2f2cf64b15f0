import { describe, expect, it } from 'vitest';
import { CaseError } from '../../src/errors.js';
import { newAnswerId } from '../../src/ratings/answer-id.js';
import { addCaseReason, complaintCaseFields, newCase, rerateCaseBy, takeCaseBy } from '../../src/ratings/case-ops.js';
import { judgePress, ratingCaseFields } from '../../src/ratings/press-rules.js';
import type { AnswerRecord, RatingCase } from '../../src/ratings/types.js';

const HOUR = 3_600_000;
const answer: AnswerRecord = { id: 'a1', at: 1_000 * HOUR, chatId: 5, userId: 5, intent: 'dibao.apply', kind: 'card', question: '低保怎么申请' };
const rules = { openMs: 72 * HOUR, windowMs: 10 * 60_000 };
const press = (over: Partial<Parameters<typeof judgePress>[0]>) =>
  judgePress({ answerId: answer.id, answer, previous: undefined, userId: 5, level: 1, at: answer.at + 60_000, ...rules, ...over });

describe('the rules of a rating press (both stores)', () => {
  it('takes a first rating from the person who asked, within three days of the answer', () => {
    expect(press({})).toEqual({ ok: true, answer, change: 'new' });
    expect(press({ userId: 6 })).toEqual({ ok: false, reason: 'not-yours' });
    expect(press({ at: answer.at + 73 * HOUR })).toEqual({ ok: false, reason: 'expired' });
  });

  it('takes a change within ten minutes of the first rating, and calls the same button again the same', () => {
    const previous = { level: 5 as const, firstAt: answer.at + 60_000 };
    expect(press({ previous, at: previous.firstAt + 5 * 60_000 })).toMatchObject({ ok: true, change: 'changed' });
    expect(press({ previous, level: 5, at: previous.firstAt + 5 * 60_000 })).toMatchObject({ ok: true, change: 'same' });
    expect(press({ previous, at: previous.firstAt + 11 * 60_000 })).toEqual({ ok: false, reason: 'locked' });
  });

  it('tells an old answer it no longer knows from one it never issued', () => {
    const old = newAnswerId(answer.at);
    expect(press({ answerId: old, answer: undefined, at: answer.at + 100 * HOUR })).toEqual({ ok: false, reason: 'expired' });
    expect(press({ answerId: 'zz', answer: undefined })).toEqual({ ok: false, reason: 'unknown' });
  });

  it('opens a case only for a 差评, and a complaint’s text is masked', () => {
    expect(ratingCaseFields(answer, 5)).toBeUndefined();
    expect(ratingCaseFields(answer, 2)).toMatchObject({ source: 'rating', answerId: 'a1', level: 2, question: '低保怎么申请' });
    expect(complaintCaseFields({ chatId: 1, userId: 1, text: ' 电话13812345678没人接 ' }).question).not.toContain('13812345678');
  });
});

describe('the case rules (both stores)', () => {
  const fresh = (): RatingCase => ({ ...newCase(ratingCaseFields(answer, 1) ?? complaintCaseFields({ chatId: 5, userId: 5, text: 'x' }), 0, '2026-04-01'), id: 7 });

  it('refuses a change before touching the case', () => {
    const c = fresh();
    const before = structuredClone(c);
    expect(() => addCaseReason(c, 6, { tags: ['slow'] }, 1)).toThrow(CaseError);
    expect(() => rerateCaseBy(c, 5, 5, 1)).toThrow('回访后');
    expect(c).toEqual(before);
    c.status = 'closed';
    expect(() => takeCaseBy(c, { id: 9001, name: '王科长' }, 1)).toThrow('已办结');
  });

  it('takes a reason once, with each tick once and the text masked', () => {
    const c = fresh();
    addCaseReason(c, 5, { tags: ['slow', 'slow'], text: '身份证110101199003074578' }, 1);
    expect(c.reasons).toEqual(['slow']);
    expect(c.reasonText).not.toContain('110101199003074578');
    expect(() => addCaseReason(c, 5, { tags: ['slow'] }, 2)).toThrow('已经收到');
  });
});
