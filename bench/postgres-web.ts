import { addRun, drive, openWebChat, row, type Run } from './web-chat.js';

/** Per store, split into alternating rounds (as the bot rows), so a busy spell falls on both alike. */
const RUN_MS = 2_400;
const ROUNDS = 4;

/**
 * The web chat (POST /api/v1/messages over loopback HTTP, 32 sessions) on lowdb and on PostgreSQL,
 * where its conversations, messages and per-IP/per-session counts are in the database, shared by
 * every instance.
 */
export async function webChatRates(url: string): Promise<Record<string, string | number>[]> {
  const chats = { lowdb: await openWebChat(), postgres: await openWebChat({ STORAGE: 'postgres', DATABASE_URL: url }) };
  try {
    const totals: Record<keyof typeof chats, Run> = {
      lowdb: { requests: 0, seconds: 0, latenciesUs: [], errors: 0 },
      postgres: { requests: 0, seconds: 0, latenciesUs: [], errors: 0 },
    };
    // Warm-up: the first requests of each compile the paths and create the database rows.
    for (const chat of Object.values(chats)) await drive((i) => chat.post(i), 300);
    let next = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const store of ['lowdb', 'postgres'] as const) {
        const chat = chats[store];
        const start = next;
        const run = await drive((i) => chat.post(start + i), RUN_MS / ROUNDS);
        next += run.requests;
        addRun(totals[store], run);
      }
    }
    const lowRate = totals.lowdb.requests / totals.lowdb.seconds;
    return (['lowdb', 'postgres'] as const).map((store) => {
      const t = totals[store];
      return { ...row(`web chat, ${store}`, t), 'vs lowdb': `${(t.requests / t.seconds / lowRate).toFixed(2)}×` };
    });
  } finally {
    await chats.lowdb.close();
    await chats.postgres.close();
  }
}
