import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../src/logger.js';
import { isBadLevel, type RatingLevel } from '../../src/ratings/levels.js';
import { createRatingService } from '../../src/ratings/service.js';
import { createReminderService } from '../../src/reminders/service.js';
import { soakCatalog, soakClock } from '../../bench/soak/soak-common.js';
import { socialGroupCode } from '../reminders/helpers.js';
import { startFaultBotApi, type FaultBotApi } from '../support/fault-bot-api.js';

/** Spawns a soak child asynchronously; SIGKILLs it `killAfterMs` after it says "ready" (never if undefined). */
function runChild(script: string, args: string[], killAfterMs: number | undefined, onLine: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        onLine(l);
        if (l === 'ready' && killAfterMs !== undefined) {
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, killAfterMs);
        }
      }
    });
    child.on('exit', (code) => (killed || code === 0 ? resolve() : reject(new Error(`exit ${String(code)}: ${stderr.slice(-1500)}`))));
  });
}

describe('kill -9 of a real process', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'mz-kill-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('every acknowledged rating is stored, and every acknowledged 差评 has its case after the restart', async () => {
    const acked = new Map<string, RatingLevel>();
    for (const killAfter of [400, 900]) {
      await runChild('bench/soak/rating-child.ts', [dir], killAfter, (l) => {
        const [tag, id, level] = l.split(' ');
        if (tag === 'ack' && id) acked.set(id, Number(level) as RatingLevel);
      });
    }
    const svc = await createRatingService({
      dataDir: dir, logger: createSilentLogger(), calendar: createWorkCalendar(), clock: () => new Date(),
      caseDueWorkingDays: 5, changeWindowMinutes: 10,
    });
    const withCase = new Set(svc.openCases().map((c) => c.answerId));
    const bad = [...acked].filter(([, level]) => isBadLevel(level)).map(([id]) => id);
    expect(bad.length).toBeGreaterThan(10);
    expect(bad.filter((id) => !withCase.has(id))).toEqual([]);
    const stats = await svc.stats({ from: '2000-01-01', to: '2100-12-31' });
    expect(stats.rated).toBeGreaterThanOrEqual(acked.size);
    await svc.close();
  }, 90_000);

  describe('in the middle of a reminder pass', () => {
    let api: FaultBotApi;
    beforeEach(async () => (api = await startFaultBotApi()));
    afterEach(() => api.close());

    it('loses at most the messages in flight, sends the rest at the next pass, and never one twice', async () => {
      const setup = await createReminderService({
        dataDir: dir, logger: createSilentLogger(), catalog: soakCatalog(), calendar: createWorkCalendar(), clock: soakClock(),
        rulesFile: 'data/reminder-rules.yaml', sender: { send: () => Promise.resolve({ status: 'failed', description: 'setup' }) },
      });
      const N = 120;
      for (let i = 1; i <= N; i++) await setup.subscribe({ chatId: i, code: socialGroupCode(i), name: `协会${i}`, kind: '社会团体' });
      await runChild('bench/soak/reminder-child.ts', [dir, api.apiRoot], 1_500, () => undefined);
      const beforeRestart = api.accepted.length;
      expect(beforeRestart).toBeGreaterThan(0);
      expect(beforeRestart).toBeLessThan(N);
      let done = false;
      await runChild('bench/soak/reminder-child.ts', [dir, api.apiRoot], undefined, (l) => (done ||= l.startsWith('done ')));
      expect(done).toBe(true);
      const perChat = new Map<number, number>();
      for (const m of api.accepted) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
      expect([...perChat.values()].filter((n) => n > 1)).toEqual([]);
      // The queue keeps at most 8 sends in flight, one per chat: that is all a kill may cost.
      expect(N - perChat.size).toBeLessThanOrEqual(8);
    }, 90_000);
  });
});
