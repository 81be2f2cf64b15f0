// `npm run report -- [--from 2026-09-01 --to 2026-09-30 | --period 上月] [--json]`
// Prints the 好差评 figures from DATA_DIR without touching the bot's files.
import { parseArgs } from 'node:util';
import { loadCatalogSnapshot } from '../catalog/load-catalog.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { parsePeriod } from './period.js';
import { formatStats, reportFromDisk } from './report.js';
import { formatUnanswered } from './unanswered-groups.js';
import { unansweredFromDisk } from './unanswered-report.js';

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
  const unanswered = await unansweredFromDisk({ dataDir: config.DATA_DIR, period });
  // Item names for the unanswered list; ids if the catalog cannot be read (the report still prints).
  const catalog = await loadCatalogSnapshot(config.CATALOG_DIR).catch(() => undefined);
  const nameOf = (id: string): string => catalog?.byId.get(id)?.name ?? id;
  console.log(
    values.json
      ? JSON.stringify({ ...stats, unanswered }, null, 2)
      : `${formatStats(stats)}\n\n${formatUnanswered(unanswered, nameOf, period)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exitCode = 1;
});
