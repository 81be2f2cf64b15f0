// Soak child: runs the reminder pass of DATA_DIR for a fixed day over the real Bot API sender (with
// the bot's own transformers) against the parent's fault-injecting Bot API; prints "done <report>".
import { Api } from 'grammy';
import { botApiTransformers } from '../../src/bot/api-transformers.js';
import { createApiReminderSender } from '../../src/bot/reminder-sender.js';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../src/logger.js';
import { createReminderService } from '../../src/reminders/service.js';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.js';
import { soakCatalog, SOAK_DAY, soakClock } from './soak-common.js';

const [dir, apiRoot] = process.argv.slice(2);
if (!dir || !apiRoot) throw new Error('usage: reminder-child.ts <dataDir> <apiRoot>');
await acquireDataDirLock(dir);
const api = new Api('123:soak', { apiRoot });
for (const t of botApiTransformers(createSilentLogger())) api.config.use(t);
const service = await createReminderService({
  dataDir: dir, logger: createSilentLogger(), catalog: soakCatalog(), calendar: createWorkCalendar(), clock: soakClock(),
  rulesFile: 'data/reminder-rules.yaml', sender: createApiReminderSender(api),
});
process.stdout.write('ready\n');
const report = await service.runPass({ date: SOAK_DAY, ignoreQuietHours: true });
const { planned, ...counts } = report;
process.stdout.write(`done ${JSON.stringify({ ...counts, planned: planned.length })}\n`);
process.exit(0);
