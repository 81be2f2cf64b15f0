import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { loadReminderRules, type ReminderRules } from '../../src/reminders/rules.js';
import { cronExpression, startReminderSchedule, type ReminderSchedule } from '../../src/reminders/schedule.js';
import type { PassReport, ReminderService } from '../../src/reminders/service.js';
import { RULES_FILE, chinaMorning } from './helpers.js';

let rules: ReminderRules;
let schedule: ReminderSchedule | undefined;
beforeAll(async () => {
  rules = await loadReminderRules(RULES_FILE);
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  await schedule?.stop();
  schedule = undefined;
  vi.useRealTimers();
});

/** A fake service that counts passes; the schedule only needs runPass and lastRunDate. */
function stubService(lastRun?: string): ReminderService & { runPass: ReturnType<typeof vi.fn> } {
  const report: PassReport = { date: '', dryRun: false, planned: [], sent: 0, blocked: 0, failed: 0, unconfirmed: 0, rateLimited: 0, elapsedMs: 0 };
  return { runPass: vi.fn(async () => report), lastRunDate: () => lastRun } as unknown as ReminderService & {
    runPass: ReturnType<typeof vi.fn>;
  };
}

describe('startReminderSchedule', () => {
  it('turns the send time into a daily cron expression', () => {
    expect(cronExpression('09:00')).toBe('0 0 9 * * *');
    expect(cronExpression('18:30')).toBe('0 30 18 * * *');
  });

  it('runs the pass at 09:00 Shanghai time, once a day', async () => {
    vi.setSystemTime(chinaMorning('2026-03-24', '08:58'));
    const service = stubService('2026-03-23');
    schedule = startReminderSchedule({ service, rules, logger: createSilentLogger() });
    await schedule.ready;
    expect(service.runPass).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(service.runPass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(service.runPass).toHaveBeenCalledTimes(2);
  });

  it('catches up at start when today’s pass was missed and the send time has passed', async () => {
    vi.setSystemTime(chinaMorning('2026-03-24', '11:15'));
    const service = stubService('2026-03-20');
    schedule = startReminderSchedule({ service, rules, logger: createSilentLogger() });
    await schedule.ready;
    expect(service.runPass).toHaveBeenCalledTimes(1);
  });

  it('does not catch up when today’s pass already ran or the send time has not come', async () => {
    vi.setSystemTime(chinaMorning('2026-03-24', '11:15'));
    const ran = stubService('2026-03-24');
    schedule = startReminderSchedule({ service: ran, rules, logger: createSilentLogger() });
    await schedule.ready;
    await schedule.stop();
    vi.setSystemTime(chinaMorning('2026-03-24', '07:00'));
    const early = stubService('2026-03-23');
    schedule = startReminderSchedule({ service: early, rules, logger: createSilentLogger() });
    await schedule.ready;
    expect(ran.runPass).not.toHaveBeenCalled();
    expect(early.runPass).not.toHaveBeenCalled();
  });

  it('logs a failing pass and keeps the schedule alive', async () => {
    vi.setSystemTime(chinaMorning('2026-03-24', '08:59'));
    const service = stubService('2026-03-23');
    service.runPass.mockRejectedValueOnce(new Error('disk full'));
    schedule = startReminderSchedule({ service, rules, logger: createSilentLogger() });
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(service.runPass).toHaveBeenCalledTimes(2);
  });
});
