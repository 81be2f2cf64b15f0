import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { ReminderSchedule, ReminderService } from '../../../src/reminders/service.js';
import type { ReminderSender } from '../../../src/reminders/types.js';
import { startSharedReminderSchedule } from '../../../src/store/postgres/pass-coordinator.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createPgReminderService } from '../../../src/store/postgres/reminder-service.js';
import { chinaMorning, fakeCatalog, fakeSender, RULES_FILE, socialGroupCode } from '../../reminders/helpers.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

const pools: pg.Pool[] = [];
const schedules: ReminderSchedule[] = [];
afterEach(async () => {
  for (const s of schedules.splice(0)) await s.stop();
  for (const p of pools.splice(0)) await p.end();
});

async function instance(url: string, sender: ReminderSender, now: () => Date, name: string): Promise<ReminderService> {
  const pool = await openDatabase(url, { max: 4 });
  pools.push(pool);
  return createPgReminderService({
    pool, logger: createSilentLogger(), catalog: fakeCatalog(), calendar: createWorkCalendar(), clock: now,
    rulesFile: RULES_FILE, sender, instanceId: name, ratePerSecond: 200,
  });
}

/** Real time passing from a fixed start: the send queue paces by the service's clock. */
function movingClock(start: Date): () => Date {
  const t0 = Date.now();
  return () => new Date(start.getTime() + Date.now() - t0);
}

async function subscribeMany(service: ReminderService, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await service.subscribe({ chatId: 1000 + i, code: socialGroupCode(i), name: `协会${i}`, kind: '社会团体' });
}

describe.skipIf(!hasPostgres)('the reminder pass on several instances', () => {
  it('sends each reminder once when two instances run the same day’s pass at the same time', async () => {
    const url = await createTestDatabase('pass');
    const now = movingClock(chinaMorning('2026-03-24', '10:00'));
    const sender = fakeSender();
    const a = await instance(url, sender, now, 'a');
    const b = await instance(url, sender, now, 'b');
    await subscribeMany(a, 60);
    const [ra, rb] = await Promise.all([a.runPass({ date: '2026-03-24' }), b.runPass({ date: '2026-03-24' })]);
    expect(ra.sent + rb.sent).toBe(60);
    const chats = sender.sent.map((m) => m.chatId);
    expect(new Set(chats).size).toBe(60);
    expect(chats).toHaveLength(60);
  });

  it('runs a missed day’s pass once, on one of the instances that start after the send time', async () => {
    const url = await createTestDatabase('pass');
    const now = movingClock(chinaMorning('2026-03-24', '10:00'));
    const sender = fakeSender();
    const services = [await instance(url, sender, now, 'a'), await instance(url, sender, now, 'b'), await instance(url, sender, now, 'c')];
    await subscribeMany(services[0] as ReminderService, 10);
    for (const service of services) {
      schedules.push(await startSharedReminderSchedule({
        url, service, rules: service.rules, logger: createSilentLogger(), clock: now, passTimeoutSeconds: 30, pollSeconds: 1,
      }));
    }
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const deadline = Date.now() + 15_000;
      let runs: { date: string; instance: string }[] = [];
      while (Date.now() < deadline) {
        runs = (await admin.query<{ date: string; instance: string }>('SELECT date, instance FROM reminder_runs')).rows;
        if (runs.length > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(runs).toHaveLength(1);
      expect(runs[0]?.date).toBe('2026-03-24');
      // Give the other instances time to pick up any duplicate job: none may send again.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(sender.sent).toHaveLength(10);
      const claimers = (await admin.query<{ claimed_by: string }>('SELECT DISTINCT claimed_by FROM reminder_ledger')).rows;
      expect(claimers).toHaveLength(1);
    } finally {
      await admin.end();
    }
  });
  it('starts on every one of several instances starting at once on a fresh database', { timeout: 60_000 }, async () => {
    // Without serialising the queue setup, pg-boss's createQueue deadlocked one of three such starts.
    for (let round = 0; round < 3; round++) {
      const url = await createTestDatabase('start');
      const now = movingClock(chinaMorning('2026-03-24', '08:00'));
      const services = await Promise.all(['a', 'b', 'c', 'd'].map((name) => instance(url, fakeSender(), now, name)));
      const started = await Promise.allSettled(services.map((service) => startSharedReminderSchedule({
        url, service, rules: service.rules, logger: createSilentLogger(), clock: now, passTimeoutSeconds: 30, pollSeconds: 1,
      })));
      for (const r of started) if (r.status === 'fulfilled') schedules.push(r.value);
      expect(started.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    }
  });

  it('settles the claim of a pass that died as unconfirmed, never resent, and leaves a live pass’s claim alone', async () => {
    const url = await createTestDatabase('pass');
    const now = movingClock(chinaMorning('2026-03-24', '10:00'));
    const sender = fakeSender();
    const b = await instance(url, sender, now, 'b');
    await subscribeMany(b, 3);
    const planned = (await b.runPass({ date: '2026-03-24', dryRun: true })).planned;
    expect(planned).toHaveLength(3);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const claim = (i: number, by: string) => {
        const r = planned[i];
        if (!r) throw new Error('planned reminder missing');
        return admin.query(
          `INSERT INTO reminder_ledger (chat_id, code, year, deadline_id, stage_offset, status, claimed_by) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
          [r.chatId, r.code, r.deadline.year, r.deadline.id, r.offset, by],
        );
      };
      // 'dead' was killed mid-send (its beat stopped long ago); 'alive' is sending right now.
      await claim(0, 'dead');
      await admin.query("INSERT INTO reminder_passes (instance, date, beat_at) VALUES ('dead', '2026-03-24', now() - interval '1 minute')");
      await claim(1, 'alive');
      await admin.query("INSERT INTO reminder_passes (instance, date) VALUES ('alive', '2026-03-24')");
      const report = await b.runPass({ date: '2026-03-24' });
      expect(report.unconfirmed).toBe(1);
      expect(sender.sent.map((m) => m.chatId)).toEqual([planned[2]?.chatId]);
      const ledger = (await admin.query<{ chat_id: number; status: string }>('SELECT chat_id, status FROM reminder_ledger ORDER BY chat_id')).rows;
      expect(ledger.map((r) => r.status)).toEqual(['unconfirmed', 'pending', 'sent']);
      // A pass that ends normally leaves no beat behind.
      expect((await admin.query("SELECT 1 FROM reminder_passes WHERE instance = 'b'")).rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
