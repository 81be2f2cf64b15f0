import { afterEach, describe, expect, it } from 'vitest';
import { closeAppDeps } from '../../../src/app.js';
import { createTestBot, type TestBot } from '../../bot/helpers.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

const opened: TestBot[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await closeAppDeps(t.deps);
});

async function instance(url: string, now: () => Date): Promise<TestBot> {
  const t = await createTestBot({ env: { STORAGE: 'postgres', DATABASE_URL: url }, now });
  opened.push(t);
  return t;
}

describe.skipIf(!hasPostgres)('two bot instances on one PostgreSQL database', () => {
  it('carries a 差评 conversation from one instance to the other', async () => {
    const url = await createTestDatabase('bots');
    const now = (): Date => new Date('2026-09-14T10:00:00+08:00');
    const a = await instance(url, now);
    const b = await instance(url, now);
    const card = await a.send('结婚登记要带什么材料');
    const worst = a.buttons(card).filter((x) => x.data.startsWith('rt:'))[4];
    // The press and the reason land on the other instance, as behind a load balancer.
    const pressed = await b.press(worst?.data ?? '');
    expect(b.texts(pressed).some((x) => x.includes('哪里做得不好'))).toBe(true);
    const reply = await a.send('窗口让我跑了三趟');
    expect(a.texts(reply)[0]).toContain('前联系您');
    // A's own case copy saw B open it; the reason A recorded is readable on B after its next update.
    expect(a.deps.ratings.getCase(1)?.reasonText).toBe('窗口让我跑了三趟');
    // B learns of the change through LISTEN/NOTIFY; a person's next message is never within milliseconds.
    await new Promise((r) => setTimeout(r, 200));
    await b.send('/cancel');
    expect(b.deps.ratings.getCase(1)?.reasonText).toBe('窗口让我跑了三趟');
  });

  it('keeps the subscription one instance made visible to the other', async () => {
    const url = await createTestDatabase('bots');
    const now = (): Date => new Date('2026-03-10T10:00:00+08:00');
    const a = await instance(url, now);
    const b = await instance(url, now);
    await a.deps.reminders.subscribe({ chatId: 1001, code: '51330000MJ00000011', name: '某某协会', kind: '社会团体' });
    await new Promise((r) => setTimeout(r, 200)); // B hears of it through LISTEN/NOTIFY
    const mine = await b.send('/mine');
    expect(b.texts(mine).join('\n')).toContain('某某协会');
  });
});
