import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatalog, type CatalogLogger } from '../../src/catalog/create-catalog.js';
import { loadCatalogSnapshot } from '../../src/catalog/load-catalog.js';
import type { Catalog, CatalogSnapshot } from '../../src/catalog/types.js';
import { CatalogError } from '../../src/errors.js';
import { copyFixture, editFile, removeFixtures } from './helpers.js';

const MARRIAGE = 'catalog/marriage.yaml';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

function fakeLogger(): CatalogLogger & { lines: LogLine[]; next(level: LogLine['level']): Promise<LogLine> } {
  const lines: LogLine[] = [];
  const waiting: { level: LogLine['level']; resolve: (line: LogLine) => void }[] = [];
  const push = (line: LogLine): void => {
    lines.push(line);
    const i = waiting.findIndex((w) => w.level === line.level);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(line);
  };
  return {
    lines,
    info: (obj, msg) => push({ level: 'info', obj, msg }),
    warn: (obj, msg) => push({ level: 'warn', obj, msg }),
    error: (obj, msg) => push({ level: 'error', obj, msg }),
    next: (level) => new Promise((resolve) => waiting.push({ level, resolve })),
  };
}

function nextReload(catalog: Catalog): Promise<CatalogSnapshot> {
  return new Promise((resolve) => {
    const off = catalog.onReload((snapshot) => {
      off();
      resolve(snapshot);
    });
  });
}

const open: Catalog[] = [];
afterEach(async () => {
  open.splice(0).forEach((c) => c.close());
  await removeFixtures();
});

async function start(dir: string, logger: CatalogLogger): Promise<Catalog> {
  const catalog = await createCatalog({ dir, logger, watch: true, debounceMs: 50 });
  open.push(catalog);
  return catalog;
}

describe('createCatalog', () => {
  it('indexes the items by id', async () => {
    const catalog = await start(await copyFixture(), fakeLogger());
    expect(catalog.get('marriage.divorce')?.name).toBe('离婚登记');
    expect(catalog.get('no.such-item')).toBeUndefined();
    expect(catalog.current().categories.map((c) => c.name)).toEqual(['婚姻', '社会组织']);
  });

  it('reloads after an edit and tells the listeners', async () => {
    const dir = await copyFixture();
    const catalog = await start(dir, fakeLogger());
    const reloaded = nextReload(catalog);
    await editFile(dir, MARRIAGE, 'name: 结婚登记', 'name: 结婚登记（内地居民）');
    const snapshot = await reloaded;
    expect(snapshot.byId.get('marriage.register')?.name).toBe('结婚登记（内地居民）');
    expect(catalog.get('marriage.register')?.name).toBe('结婚登记（内地居民）');
  });

  it('reloads when an editor saves by writing a temp file and renaming it over the original', async () => {
    const dir = await copyFixture();
    const catalog = await start(dir, fakeLogger());
    const reloaded = nextReload(catalog);
    const text = await readFile(join(dir, MARRIAGE), 'utf8');
    await writeFile(join(dir, `${MARRIAGE}.tmp`), text.replace('name: 离婚登记', 'name: 协议离婚登记'));
    await rename(join(dir, `${MARRIAGE}.tmp`), join(dir, MARRIAGE));
    expect((await reloaded).byId.get('marriage.divorce')?.name).toBe('协议离婚登记');
  });

  it('keeps the last good catalog after a broken edit and logs file and reason', async () => {
    const dir = await copyFixture();
    const logger = fakeLogger();
    const catalog = await start(dir, logger);
    const before = catalog.current();
    const logged = logger.next('error');
    await editFile(dir, MARRIAGE, 'kind: 行政确认', 'kind: 行政审批');
    const line = await logged;
    expect(line.msg).toContain('catalog/marriage.yaml items[marriage.register].kind: 取值无效（行政审批）');
    expect(line.obj).toMatchObject({ problems: [{ file: MARRIAGE, path: 'items[marriage.register].kind' }] });
    expect(catalog.current()).toBe(before);
    expect(catalog.get('marriage.register')?.kind).toBe('行政确认');
  });

  it('recovers when a broken edit is fixed', async () => {
    const dir = await copyFixture();
    const logger = fakeLogger();
    const catalog = await start(dir, logger);
    const logged = logger.next('error');
    await editFile(dir, MARRIAGE, 'kind: 行政确认', 'kind: 行政审批');
    await logged;
    const reloaded = nextReload(catalog);
    await editFile(dir, MARRIAGE, 'kind: 行政审批', 'kind: 公共服务');
    expect((await reloaded).byId.get('marriage.register')?.kind).toBe('公共服务');
  });

  it('refuses to start on a broken catalog with the same error as loading it', async () => {
    const dir = await copyFixture();
    await editFile(dir, MARRIAGE, 'related: [marriage.divorce]', 'related: [marriage.divorse]');
    const expected = await loadCatalogSnapshot(dir).catch((e: unknown) => e);
    const error = await createCatalog({ dir, logger: fakeLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toBe((expected as CatalogError).message);
    expect((error as CatalogError).message).toContain('items[marriage.register].related[0]: 相关事项 marriage.divorse 不存在');
  });

  it('says at start, as a warning, that no local hall file was supplied, and still starts', async () => {
    const dir = await copyFixture();
    const logger = fakeLogger();
    const catalog = await start(dir, logger);
    expect(catalog.get('marriage.register')).toBeDefined();
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg).join('\n')).toContain('未配置本地大厅信息');
  });

  it('starts with the operator local hall when given one', async () => {
    const dir = await copyFixture();
    const catalog = await createCatalog({ dir, logger: fakeLogger(), localHallFile: 'test/fixtures/catalog/local-hall.yaml' });
    open.push(catalog);
    expect(catalog.current().hall.local?.name).toBe('测试省民政厅政务服务大厅');
  });

  it('stops reloading once closed', async () => {
    const dir = await copyFixture();
    const logger = fakeLogger();
    const catalog = await start(dir, logger);
    logger.lines.length = 0; // the start-up warnings (no local hall file) are not reloads
    catalog.close();
    await editFile(dir, MARRIAGE, 'name: 结婚登记', 'name: 改了名字');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catalog.get('marriage.register')?.name).toBe('结婚登记');
    expect(logger.lines).toEqual([]);
  });
});
