// `npm run report -- [--period 上月 | --from 2026-09-01 --to 2026-09-30] [--json]`
// Prints the 好差评 figures from DATA_DIR without touching the bot's files (it may be running).
import { parseArgs } from 'node:util';
import { loadCatalogSnapshot } from '../catalog/load-catalog.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { runCli } from '../run-cli.js';
import { itemLabeler } from './item-labels.js';
import { periodFromFlags } from './period.js';
import { formatStats, reportFromDisk } from './report.js';
import { formatUnanswered } from './unanswered-groups.js';
import { unansweredFromDisk } from './unanswered-report.js';

const USAGE = `用法：npm run report -- [--period 时间范围 | --from YYYY-MM-DD --to YYYY-MM-DD] [--json]
      （Docker 镜像里：npm run report:prod -- …）
  --period   本月（默认）、上月、本周、今天、今年、全部、7d、2026-09 或 2026-09-01..2026-09-30
  --from     开始日期（缺省为最早）；--to 结束日期（缺省为今天）
  --json     输出 JSON（事项用 id）
退出码：0 完成；1 数据文件有误；2 参数有误。`;

/** Item names from the catalog; if it cannot be read, the figures still come, with ids and a note. */
async function itemNames(dir: string): Promise<(intent: string) => string | undefined> {
  try {
    const snapshot = await loadCatalogSnapshot(dir);
    return (intent) => snapshot.byId.get(intent)?.name;
  } catch (error) {
    const why = error instanceof AppError ? error.message.split('\n')[0] : String(error);
    console.error(`注意：办事指南目录 ${dir} 读取失败，事项以 id 显示（${why}）`);
    return () => undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const config = loadConfig();
  const now = new Date();
  const period = periodFromFlags(values, now);
  const stats = await reportFromDisk({
    dataDir: config.DATA_DIR,
    period,
    now,
    changeWindowMinutes: config.RATING_CHANGE_MINUTES,
  });
  const unanswered = await unansweredFromDisk({ dataDir: config.DATA_DIR, period });
  if (values.json) {
    console.log(JSON.stringify({ ...stats, unanswered }, null, 2));
    return EXIT.ok;
  }
  const labelOf = itemLabeler(await itemNames(config.CATALOG_DIR));
  console.log(`${formatStats(stats, labelOf)}\n\n${formatUnanswered(unanswered, labelOf, period)}`);
  return EXIT.ok;
}

runCli(main, USAGE);
