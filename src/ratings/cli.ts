// `npm run report -- [--from 2026-09-01 --to 2026-09-30 | --period 上月] [--json]`
// Prints the 好差评 figures from DATA_DIR without touching the bot's files.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { parsePeriod } from './period.js';
import { formatStats, reportFromDisk } from './report.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const now = new Date();
  const period =
    values.from !== undefined || values.to !== undefined
      ? parsePeriod(`${values.from ?? '2000-01-01'}..${values.to ?? parsePeriod('today', now).to}`, now)
      : parsePeriod(values.period ?? '', now);
  const stats = await reportFromDisk({
    dataDir: config.DATA_DIR,
    period,
    now,
    changeWindowMinutes: config.RATING_CHANGE_MINUTES,
  });
  console.log(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exitCode = 1;
});
