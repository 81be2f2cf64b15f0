// Soak child: rates answers forever, a third of them 差评, printing "ack <answerId> <level>" once
// each rating is acknowledged (rate() resolved), until the parent kills it with SIGKILL.
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { pino } from 'pino';
import { createRatingService } from '../../src/ratings/service.js';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: rating-child.ts <dataDir>');
await acquireDataDirLock(dir);
const svc = await createRatingService({
  // Warnings to stderr: the parent counts the cases repaired at start.
  dataDir: dir, logger: pino({ level: 'warn' }, pino.destination(2)), calendar: createWorkCalendar(), clock: () => new Date(),
  caseDueWorkingDays: 5, changeWindowMinutes: 10,
});
process.stdout.write('ready\n');

async function worker(n: number): Promise<never> {
  for (let i = 0; ; i++) {
    const { id } = await svc.recordAnswer({ chatId: n, userId: n, intent: 'demo', kind: 'card', question: `问题 ${i}` });
    const level = i % 3 === 0 ? (i % 2 === 0 ? 1 : 2) : 5;
    await svc.rate({ answerId: id, userId: n, level });
    process.stdout.write(`ack ${id} ${level}\n`);
  }
}
await Promise.all(Array.from({ length: 6 }, (_, n) => worker(n + 1)));
