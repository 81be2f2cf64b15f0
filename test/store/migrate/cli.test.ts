import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/calendar/work-calendar.js';
import { loadConfig } from '../../../src/config.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createRatingService } from '../../../src/ratings/service.js';
import { createReminderService } from '../../../src/reminders/service.js';
import { createChecklistStore } from '../../../src/answers/checklist-store.js';
import { createChatStore } from '../../../src/store/chat-store.js';
import { parseMigrateArgs, runMigrateCli } from '../../../src/store/migrate/cli.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createPgChatStore } from '../../../src/store/postgres/chat-store.js';
import { createPgRatingService } from '../../../src/store/postgres/rating-service.js';
import { createPgReminderService } from '../../../src/store/postgres/reminder-service.js';
import { createUnansweredLog } from '../../../src/store/unanswered-log.js';
import { createPgChecklistStore } from '../../../src/store/postgres/checklist-store.js';
import { createPgWebIdAllocator } from '../../../src/store/postgres/web-ids.js';
import { openWebIdAllocator } from '../../../src/web/session-ids.js';
import { chinaMorning, fakeCatalog, fakeSender, RULES_FILE, socialGroupCode } from '../../reminders/helpers.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

const dirs: string[] = [];
/** The last web chat id the embedded store handed out. */
let lastWebId = 0;
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const base = { logger: createSilentLogger(), calendar: createWorkCalendar(), caseDueWorkingDays: 5, changeWindowMinutes: 10 };
const remindersBase = { logger: createSilentLogger(), catalog: fakeCatalog(), calendar: createWorkCalendar(), rulesFile: RULES_FILE, ratePerSecond: 1000 };

/** A data directory used for a while by the embedded store: answers, ratings, cases, chats, reminders. */
async function usedDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mz-migrate-'));
  dirs.push(dir);
  const now = () => new Date('2026-03-24T10:00:00+08:00');
  const ratings = await createRatingService({ ...base, dataDir: dir, clock: now });
  for (let i = 0; i < 30; i++) {
    const { id } = await ratings.recordAnswer({ chatId: i, userId: i, intent: i % 2 ? 'dibao.apply' : 'marriage.registration', kind: 'card', question: `问题${i}` });
    if (i % 3 === 0) await ratings.rate({ answerId: id, userId: i, level: i % 2 ? 1 : 5 });
  }
  await ratings.openComplaint({ chatId: 99, userId: 99, text: '投诉内容' });
  await ratings.close();
  const chats = await createChatStore(dir);
  chats.set(5, (s) => (s.previousIntent = 'dibao.apply'));
  await chats.flush();
  const unanswered = await createUnansweredLog(dir);
  await unanswered.record({ at: '2026-03-24T02:00:00.000Z', kind: 'out-of-scope', question: '护照怎么办', candidates: [] });
  let t = chinaMorning('2026-03-24');
  const reminders = await createReminderService({ ...remindersBase, dataDir: dir, sender: fakeSender(), clock: () => t, sleep: async (ms) => void (t = new Date(t.getTime() + ms)) });
  for (let n = 1; n <= 4; n++) await reminders.subscribe({ chatId: 200 + n, code: socialGroupCode(n), name: `协会${n}`, kind: '社会团体' });
  await reminders.runPass({ date: '2026-03-24' });
  const checklists = await createChecklistStore(dir);
  await checklists.toggle(5, 'marriage.registration', '身份证');
  await checklists.toggle(5, 'marriage.registration', '户口簿');
  await checklists.toggle(6, 'dibao.apply', '申请书');
  const webIds = await openWebIdAllocator(dir);
  for (let i = 0; i < 300; i++) lastWebId = await webIds.next();
  return dir;
}

describe('npm run migrate arguments', () => {
  it('accepts only --from lowdb --to postgres and explains itself otherwise', () => {
    expect(parseMigrateArgs(['--from', 'lowdb', '--to', 'postgres'])).toBe(true);
    expect(parseMigrateArgs([])).toContain('用法');
    expect(parseMigrateArgs(['--from', 'postgres', '--to', 'lowdb'])).toContain('只支持');
  });
});

describe.skipIf(!hasPostgres)('copying an embedded store into PostgreSQL', () => {
  it('copies every table, checks the counts, and adds nothing when run again', async () => {
    const dir = await usedDataDir();
    const url = await createTestDatabase('migrate');
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: url, STORAGE: 'postgres' });
    const first: string[] = [];
    expect(await runMigrateCli(['--from', 'lowdb', '--to', 'postgres'], { config, out: (l) => first.push(l) })).toBe(0);
    const report = first.join('\n');
    expect(report).toContain('核对一致');
    expect(report).toMatch(/answers\s+源 30，本次写入 30，库中已有 30/);
    expect(report).toMatch(/ratings\s+源 10，本次写入 10/);
    expect(report).toMatch(/reminder_ledger\s+源 4，本次写入 4/);
    expect(report).toMatch(/checklists\s+源 2，本次写入 2，库中已有 2/);
    expect(report).toMatch(/web_chat_ids\s+源 1，本次写入 1，库中已有 1/);
    const second: string[] = [];
    expect(await runMigrateCli(['--from', 'lowdb', '--to', 'postgres'], { config, out: (l) => second.push(l) })).toBe(0);
    expect(second.join('\n')).toMatch(/answers\s+源 30，本次写入 0，库中已有 30/);
    expect(second.join('\n')).toMatch(/checklists\s+源 2，本次写入 0，库中已有 2/);
    expect(second.join('\n')).toMatch(/web_chat_ids\s+源 1，本次写入 0，库中已有 1/);

    // The copy is usable: same figures, same cases, and reminders already sent are not sent again.
    const pool = await openDatabase(url);
    try {
      const now = () => new Date('2026-03-24T10:00:00+08:00');
      const pgRatings = await createPgRatingService({ ...base, pool, clock: now });
      const lowRatings = await createRatingService({ ...base, dataDir: dir, clock: now });
      const period = { from: '2026-03-01', to: '2026-03-31' };
      const [a, b] = [await pgRatings.stats(period), await lowRatings.stats(period)];
      await lowRatings.close();
      expect(a).toEqual(b);
      expect(pgRatings.openCases().map((c) => c.id)).toEqual(lowRatings.openCases().map((c) => c.id));
      const complaint = await pgRatings.openComplaint({ chatId: 1, userId: 1, text: '新的投诉' });
      expect(complaint.id).toBe(Math.max(...lowRatings.openCases().map((c) => c.id)) + 1);
      const chats = createPgChatStore(pool);
      await chats.load(5);
      expect(chats.get(5)?.previousIntent).toBe('dibao.apply');
      const sender = fakeSender();
      let t = chinaMorning('2026-03-24');
      const reminders = await createPgReminderService({ ...remindersBase, pool, sender, clock: () => t, sleep: async (ms) => void (t = new Date(t.getTime() + ms)) });
      expect(reminders.list(201)).toHaveLength(1);
      expect((await reminders.runPass({ date: '2026-03-24' })).sent).toBe(0);
      const ticks = createPgChecklistStore(pool);
      expect([...(await ticks.ticked(5, 'marriage.registration'))]).toEqual(['身份证', '户口簿']);
      expect([...(await ticks.ticked(6, 'dibao.apply'))]).toEqual(['申请书']);
      // A new web visitor never gets the id (and so the conversation) of one from before the move.
      expect(await createPgWebIdAllocator(pool).next()).toBeGreaterThan(lastWebId);
    } finally {
      await pool.end();
    }
  });
});
