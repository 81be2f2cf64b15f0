import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBareApiReminderSender } from '../bot/reminder-sender.js';
import { isCalendarDate, quoteInput } from '../calendar/calendar-date.js';
import { chinaDate, createWorkCalendar } from '../calendar/work-calendar.js';
import { createCatalog } from '../catalog/create-catalog.js';
import { loadConfig, type Config } from '../config.js';
import { AppError, StoreLockedError } from '../errors.js';
import { EXIT, exitCodeOf } from '../exit-codes.js';
import { createLogger, type Logger } from '../logger.js';
import { acquireDataDirLock } from '../store/data-dir-lock.js';
import { formatChineseDate } from './message.js';
import { planPass } from './plan.js';
import { loadReminderRules } from './rules.js';
import { checkRunDate } from './run-date.js';
import type { PassReport } from './service.js';
import { createReminderService } from './service.js';
import { readReminderData } from './store.js';
import type { Clock, ReminderSender } from './types.js';

const USAGE = `用法：npm run reminders -- run [--date YYYY-MM-DD] [--dry-run] [--ignore-quiet-hours]
      （Docker 镜像里：npm run reminders:prod -- run …）
  run                   按提醒规则跑一遍年检提醒（与机器人每天 09:00 跑的是同一套逻辑，不会重复发送）
  --date YYYY-MM-DD     按指定日期计算该发哪一档提醒（默认今天；真正发送时不能是将来的日期）
  --dry-run             只列出将要发送的提醒，不发送、不记录；只读数据，机器人运行时也可以用
  --ignore-quiet-hours  免打扰时段内也发送（请慎用）
真正发送时数据目录不能被机器人占用：机器人运行时请由管理员在机器人里发送 /reminders run。
退出码：0 完成；1 数据、规则或配置有误；2 参数有误或被拒绝。`;

export interface CliArgs {
  date?: string;
  dryRun: boolean;
  ignoreQuietHours: boolean;
}

/** Parses the arguments after `run`; returns a message to show instead when they are wrong. */
export function parseCliArgs(argv: readonly string[]): CliArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'run') return command === undefined ? USAGE : `不认识的命令“${quoteInput(command)}”。\n\n${USAGE}`;
  const args: CliArgs = { dryRun: false, ignoreQuietHours: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--ignore-quiet-hours') args.ignoreQuietHours = true;
    else if (arg === '--date' || arg.startsWith('--date=')) {
      const date = arg === '--date' ? rest[++i] : arg.slice('--date='.length);
      if (date === undefined || date === '') return `--date 后面要写日期，例如 --date 2026-03-24。\n\n${USAGE}`;
      if (!isCalendarDate(date)) return `--date 须为真实的日期（年-月-日，例如 2026-03-24），收到的是“${quoteInput(date)}”。\n\n${USAGE}`;
      args.date = date;
    } else return `不认识的参数“${quoteInput(arg)}”。\n\n${USAGE}`;
  }
  return args;
}

export interface CliDeps {
  config: Config;
  logger: Logger;
  /** The report: stdout. */
  out: (line: string) => void;
  /** Refusals and errors: stderr; defaults to `out`. */
  err?: (line: string) => void;
  /** Defaults to a bare Bot API client on BOT_TOKEN / TELEGRAM_API_ROOT. */
  sender?: ReminderSender;
  clock?: Clock;
}

/**
 * Runs the CLI; returns the process exit code (see src/exit-codes.ts): 0 done, 1 a data, rules or
 * config problem, 2 bad arguments or refused. A dry run only reads, so it needs no lock.
 */
export async function runRemindersCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const err = deps.err ?? deps.out;
  const args = parseCliArgs(argv);
  if (typeof args === 'string') {
    err(args);
    return EXIT.usage;
  }
  const clock = deps.clock ?? (() => new Date());
  const today = chinaDate(clock());
  const problem = args.date === undefined ? undefined : checkRunDate(args.date, { today, dryRun: args.dryRun });
  if (problem) {
    err(problem.reason === 'future' ? `${problem.message}想先看看那天会发哪些提醒，请加 --dry-run。` : problem.message);
    return EXIT.usage;
  }
  try {
    if (args.dryRun) {
      deps.out(describeReport(await dryRun(deps.config, args.date ?? today)));
      return EXIT.ok;
    }
    return await send(args, deps, clock, err);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    err(error.message);
    return exitCodeOf(error);
  }
}

/** Plans the pass from the files alone: nothing is opened for writing, so the bot may be running. */
async function dryRun(config: Config, date: string): Promise<PassReport> {
  const started = Date.now();
  const rules = await loadReminderRules(join(config.CATALOG_DIR, 'reminder-rules.yaml'));
  const data = await readReminderData(config.DATA_DIR);
  const planned = planPass(data.subscriptions, rules, createWorkCalendar(), date);
  return { date, dryRun: true, planned, sent: 0, blocked: 0, failed: 0, unconfirmed: 0, rateLimited: 0, elapsedMs: Date.now() - started };
}

async function send(args: CliArgs, deps: CliDeps, clock: Clock, err: (line: string) => void): Promise<number> {
  const { config } = deps;
  if (!deps.sender && !config.BOT_TOKEN) {
    err('没有配置 BOT_TOKEN，无法发送提醒。可加 --dry-run 只查看将要发送的内容。');
    return EXIT.usage;
  }
  let lock;
  try {
    lock = await acquireDataDirLock(config.DATA_DIR);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      err(`${error.message}\n提示：机器人运行时，请由管理员在机器人里发送 /reminders run；只想查看可加 --dry-run。`);
      return EXIT.usage;
    }
    throw error;
  }
  let catalog;
  try {
    catalog = await createCatalog({ dir: config.CATALOG_DIR, logger: deps.logger });
    const service = await createReminderService({
      dataDir: config.DATA_DIR,
      logger: deps.logger,
      catalog,
      calendar: createWorkCalendar(),
      clock,
      rulesFile: join(config.CATALOG_DIR, 'reminder-rules.yaml'),
      sender: deps.sender ?? createBareApiReminderSender(config.BOT_TOKEN ?? '', config.TELEGRAM_API_ROOT),
    });
    const report = await service.runPass({ ...(args.date ? { date: args.date } : {}), dryRun: false, ignoreQuietHours: args.ignoreQuietHours });
    deps.out(describeReport(report));
    return EXIT.ok;
  } finally {
    catalog?.close();
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
    // stdout is the report; logs go to stderr (JSON, or pretty on a terminal).
    const logger = createLogger(config, { fd: 2 });
    process.exitCode = await runRemindersCli(process.argv.slice(2), {
      config,
      logger,
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    process.exitCode = error instanceof AppError ? exitCodeOf(error) : EXIT.failed;
  }
}
