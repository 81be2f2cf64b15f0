import { describe, expect, it } from 'vitest';
import { checkRunDate } from '../../src/reminders/run-date.js';

const today = '2026-03-24';

describe('checkRunDate', () => {
  it('accepts today and past days for a send, and any real day for a dry run', () => {
    expect(checkRunDate('2026-03-24', { today, dryRun: false })).toBeUndefined();
    expect(checkRunDate('2026-03-01', { today, dryRun: false })).toBeUndefined();
    expect(checkRunDate('2027-03-01', { today, dryRun: true })).toBeUndefined();
  });

  it.each(['2027-99-99', '../../../x', '0000-00-00', '2027-13-45'])('refuses %j as no date, in a dry run too', (text) => {
    expect(checkRunDate(text, { today, dryRun: true })).toMatchObject({ reason: 'not-a-date', message: expect.stringContaining('不是有效的日期') });
  });

  it('refuses a future day for a real send', () => {
    expect(checkRunDate('2026-03-25', { today, dryRun: false })).toMatchObject({ reason: 'future', message: expect.stringContaining('还没到') });
  });
});
