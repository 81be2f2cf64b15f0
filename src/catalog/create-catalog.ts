import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CatalogError } from '../errors.js';
import { lintCatalog } from './load-catalog.js';
import type { Catalog, CatalogSnapshot } from './types.js';

/** The little of a logger the catalog needs; a pino logger fits, and so does a test fake. */
export interface CatalogLogger {
  info(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CatalogOptions {
  /** The data dir: holds `hall.yaml` and `catalog/*.yaml`. */
  dir: string;
  /** The operator's local hall file (config LOCAL_HALL_FILE); absent = national contacts only, with a warning. */
  localHallFile?: string;
  logger: CatalogLogger;
  /** Reload when the files change (办事指南须实时更新). Off by default so tools and tests stay quiet. */
  watch?: boolean;
  /** Editors write a file in several steps; wait this long after the last event before reloading. */
  debounceMs?: number;
}

/**
 * Loads the catalog and, when asked, keeps it current as the YAML files change. A broken edit
 * keeps serving the last good snapshot and logs every problem with file and field path.
 * @throws CatalogError when the files are invalid at start, so a broken catalog never goes live.
 */
export async function createCatalog(options: CatalogOptions): Promise<Catalog> {
  const { dir, logger, debounceMs = 300, localHallFile } = options;
  const warn = (obj: object, msg: string): void => (logger.warn ? logger.warn(obj, msg) : logger.error(obj, msg));

  /** Loads one snapshot; warnings (no local hall, items due for review) are logged, never fatal. */
  async function load(): Promise<CatalogSnapshot> {
    const { problems, warnings, snapshot: next } = await lintCatalog(dir, { localHallFile });
    if (!next) throw new CatalogError(problems);
    for (const w of warnings) warn({ file: w.file, path: w.path }, `办事指南提醒：${w.file} ${w.path}: ${w.message}`);
    return next;
  }

  let snapshot = await load();
  const listeners = new Set<(s: CatalogSnapshot) => void>();
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  async function reload(): Promise<void> {
    // One reload at a time; events during a reload schedule exactly one more afterwards.
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const next = await load();
      if (closed) return;
      snapshot = next;
      logger.info({ items: next.items.length, categories: next.categories.length }, '办事指南已重新加载');
      for (const listener of listeners) {
        try {
          listener(next);
        } catch (error) {
          logger.error({ err: error }, '办事指南重新加载后的回调出错');
        }
      }
    } catch (error) {
      if (closed) return;
      const problems = error instanceof CatalogError ? error.problems : [];
      const detail = problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n');
      logger.error({ problems, err: error }, `办事指南修改有误，继续使用上一版：\n${detail}`);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void reload();
    }, debounceMs);
  }

  if (options.watch) {
    for (const watched of [dir, join(dir, 'catalog')]) {
      const watcher = watch(watched, (_event, name) => {
        // Editors' swap and backup files (.swp, ~) are not catalog data.
        if (name === null || /\.ya?ml$/.test(name) || name === 'catalog') schedule();
      });
      watcher.on('error', (error) => logger.error({ err: error, dir: watched }, '无法继续监视办事指南目录'));
      watchers.push(watcher);
    }
  }

  return {
    current: () => snapshot,
    get: (id) => snapshot.byId.get(id),
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      watchers.length = 0;
    },
  };
}
