import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../../config.js';
import { AppError, StoreLockedError } from '../../errors.js';
import { acquireDataDirLock } from '../data-dir-lock.js';
import { openDatabase, safeHost } from '../postgres/pool.js';
import { copyLowdbToPostgres, type TableCount } from './copy-to-postgres.js';
import { createProgress, type Progress } from './progress.js';
import { openLowdbSource } from './sources.js';

const USAGE = `用法：npm run migrate -- --from lowdb --to postgres
  把 DATA_DIR 里的嵌入式数据（lowdb 文件和日志）复制到 DATABASE_URL 指向的 PostgreSQL。
  可以重复执行：已复制的记录不会重复写入，中断后再跑一次即可补齐。
  复制期间请先停止机器人（数据目录会被本命令锁定）；原文件不会被修改。`;

/** Parses `--from lowdb --to postgres`; returns a message to show instead when they are wrong. */
export function parseMigrateArgs(argv: readonly string[]): true | string {
  const from = argv[argv.indexOf('--from') + 1];
  const to = argv[argv.indexOf('--to') + 1];
  if (!argv.includes('--from') || !argv.includes('--to')) return USAGE;
  if (from !== 'lowdb' || to !== 'postgres') return `目前只支持 --from lowdb --to postgres（收到 --from ${from} --to ${to}）。\n\n${USAGE}`;
  return true;
}

/** The count check shown at the end: a table is complete when every source record is in it. */
export function describeCounts(counts: readonly TableCount[]): { text: string; complete: boolean } {
  const lines = counts.map((c) => {
    const ok = c.present === c.source;
    return `  ${ok ? '✓' : '✗'} ${c.table.padEnd(16)} 源 ${c.source}，本次写入 ${c.inserted}，库中已有 ${c.present}${ok ? '' : `（缺 ${c.source - c.present}）`}`;
  });
  const complete = counts.every((c) => c.present === c.source);
  const tail = complete
    ? '核对一致：每张表的源记录都已在数据库中。'
    : '有记录没有写入（多为评价或案件引用的答复在日志里缺失/损坏）。请查看上面标 ✗ 的表。';
  return { text: ['逐表核对：', ...lines, tail].join('\n'), complete };
}

export interface MigrateCliDeps {
  config: Config;
  out: (line: string) => void;
  progress?: Progress;
}

/** Runs the copy; returns the exit code (0 complete, 1 incomplete or failed, 2 refused or bad arguments). */
export async function runMigrateCli(argv: readonly string[], deps: MigrateCliDeps): Promise<number> {
  const args = parseMigrateArgs(argv);
  if (args !== true) {
    deps.out(args);
    return 2;
  }
  const { config } = deps;
  if (!config.DATABASE_URL) {
    deps.out('请先设置 DATABASE_URL（例如 postgres://bot:密码@db:5432/minzheng）。');
    return 2;
  }
  let lock;
  try {
    lock = await acquireDataDirLock(config.DATA_DIR);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      deps.out(`${error.message}\n复制前请先停止使用该数据目录的机器人。`);
      return 2;
    }
    throw error;
  }
  try {
    const source = await openLowdbSource(config.DATA_DIR, config.RATING_CHANGE_MINUTES * 60_000);
    const pool = await openDatabase(config.DATABASE_URL, { max: 2 });
    try {
      deps.out(`从 ${config.DATA_DIR} 复制到 ${safeHost(config.DATABASE_URL)} …`);
      const counts = await copyLowdbToPostgres(source, pool, deps.progress ?? createProgress());
      const { text, complete } = describeCounts(counts);
      deps.out(text);
      return complete ? 0 : 1;
    } finally {
      await pool.end();
    }
  } catch (error) {
    if (error instanceof AppError) {
      deps.out(error.message);
      return 1;
    }
    throw error;
  } finally {
    await lock.release();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    process.exitCode = await runMigrateCli(process.argv.slice(2), { config: loadConfig(), out: (line) => console.log(line) });
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    process.exitCode = 1;
  }
}
