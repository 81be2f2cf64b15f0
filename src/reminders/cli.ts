import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBareApiReminderSender } from '../bot/reminder-sender.js';
import { createWorkCalendar } from '../calendar/work-calendar.js';
import { createCatalog } from '../catalog/create-catalog.js';
import { loadConfig, type Config } from '../config.js';
import { AppError, StoreLockedError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { acquireDataDirLock } from '../store/data-dir-lock.js';
import { formatChineseDate } from './message.js';
import type { PassReport } from './service.js';
import { createReminderService } from './service.js';
import type { Clock, ReminderSender } from './types.js';

const USAGE = `用法：npm run reminders -- run [--date YYYY-MM-DD] [--dry-run] [--ignore-quiet-hours]
  run                   按提醒规则跑一遍年检提醒（与机器人每天 09:00 跑的是同一套逻辑，不会重复发送）
  --date YYYY-MM-DD     按指定日期计算该发哪一档提醒（默认今天）
  --dry-run             只列出将要发送的提醒，不发送、不记录
  --ignore-quiet-hours  免打扰时段内也发送（请慎用）
机器人运行时数据目录被它占用，本命令会拒绝执行：请改在机器人里用管理命令 /reminders run。`;

export interface CliArgs {
  date?: string;
  dryRun: boolean;
  ignoreQuietHours: boolean;
}

/** Parses the arguments after `run`; returns a message to show instead when they are wrong. */
export function parseCliArgs(argv: readonly string[]): CliArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'run') return USAGE;
  const args: CliArgs = { dryRun: false, ignoreQuietHours: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--ignore-quiet-hours') args.ignoreQuietHours = true;
    else if (arg === '--date') {
      const date = rest[++i] ?? '';
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
      if (!valid) return `--date 须为真实的日期 YYYY-MM-DD，收到的是“${date}”。\n\n${USAGE}`;
      args.date = date;
    } else return `不认识的参数“${arg}”。\n\n${USAGE}`;
  }
  return args;
}

export interface CliDeps {
  config: Config;
  logger: Logger;
  out: (line: string) => void;
  /** Defaults to a bare Bot API client on BOT_TOKEN / TELEGRAM_API_ROOT. */
  sender?: ReminderSender;
  clock?: Clock;
}

/** Runs the CLI; returns the process exit code (0 ok, 1 error, 2 refused or bad arguments). */
export async function runRemindersCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const args = parseCliArgs(argv);
  if (typeof args === 'string') {
    deps.out(args);
    return 2;
  }
  const { config } = deps;
  if (!args.dryRun && !deps.sender && !config.BOT_TOKEN) {
    deps.out('没有配置 BOT_TOKEN，无法发送提醒。可加 --dry-run 只查看将要发送的内容。');
    return 2;
  }
  let lock;
  try {
    lock = await acquireDataDirLock(config.DATA_DIR);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      deps.out(`${error.message}\n提示：机器人运行时，请由管理员在机器人里发送 /reminders run（或 /reminders dry）。`);
      return 2;
    }
    throw error;
  }
  const catalog = await createCatalog({ dir: config.CATALOG_DIR, logger: deps.logger }).catch((error: unknown) => {
    void lock.release();
    throw error;
  });
  try {
    const service = await createReminderService({
      dataDir: config.DATA_DIR,
      logger: deps.logger,
      catalog,
      calendar: createWorkCalendar(),
      clock: deps.clock ?? (() => new Date()),
      rulesFile: join(config.CATALOG_DIR, 'reminder-rules.yaml'),
      sender: deps.sender ?? createBareApiReminderSender(config.BOT_TOKEN ?? '', config.TELEGRAM_API_ROOT),
    });
    const report = await service.runPass({ ...(args.date ? { date: args.date } : {}), dryRun: args.dryRun, ignoreQuietHours: args.ignoreQuietHours });
    deps.out(describeReport(report));
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      deps.out(error.message);
      return 1;
    }
    throw error;
  } finally {
    catalog.close();
    await lock.release();
  }
}

/** The report a person reads in the terminal. */
export function describeReport(report: PassReport): string {
  const head = `${formatChineseDate(report.date)} 年检提醒${report.dryRun ? '（演练，未发送）' : ''}`;
  if (report.skipped === 'quiet-hours') return `${head}：现在是免打扰时段，未发送。白天再跑，或加 --ignore-quiet-hours。`;
  if (report.skipped === 'already-running') return `${head}：另一轮提醒正在发送，本次跳过。`;
  const lines = report.planned.map(
    (r) =>
      `  ${r.chatId}\t${r.code}\t${r.name}\t${r.deadline.title}\t${r.daysLeft >= 0 ? `剩 ${r.daysLeft} 天` : `逾期 ${-r.daysLeft} 天`}`,
  );
  const counts = report.dryRun
    ? `将发送 ${report.planned.length} 条。`
    : `计划 ${report.planned.length} 条：已发送 ${report.sent}，对方已屏蔽 ${report.blocked}，失败 ${report.failed}（下次重试），` +
      `遇限流 ${report.rateLimited} 次，上次中断未确认 ${report.unconfirmed} 条（不重发），用时 ${(report.elapsedMs / 1000).toFixed(1)} 秒。`;
  return [head, ...lines, counts].join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    const config = loadConfig();
    const logger = createLogger(config);
    process.exitCode = await runRemindersCli(process.argv.slice(2), { config, logger, out: (line) => console.log(line) });
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    process.exitCode = 1;
  }
}
