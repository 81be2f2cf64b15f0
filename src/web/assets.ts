import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { AppError } from '../errors.js';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Every file the pages load, read once at start: no CDN, nothing fetched from elsewhere. */
export const ASSET_FILES = {
  'chat.js': 'chat/chat.js',
  'chat.css': 'chat/chat.css',
  'widget.js': 'chat/widget.js',
  'console.js': 'console/console.js',
  'console.css': 'console/console.css',
} as const;

export interface WebAssets {
  /** Name → contents, including the chart library (uPlot) from node_modules. */
  files: Map<string, Buffer>;
  chatPage: string;
  openapi: string;
}

/**
 * Loads the web files from `dir` (WEB_ASSETS_DIR) and uPlot from its package.
 * @throws AppError naming the missing file.
 */
export async function loadWebAssets(dir: string): Promise<WebAssets> {
  const require = createRequire(import.meta.url);
  const sources: [string, string][] = [
    ...Object.entries(ASSET_FILES).map(([name, file]): [string, string] => [name, join(dir, file)]),
    ['uplot.js', require.resolve('uplot/dist/uPlot.iife.min.js')],
    ['uplot.css', require.resolve('uplot/dist/uPlot.min.css')],
    ['chat.html', join(dir, 'chat/index.html')],
    ['openapi.json', join(dir, 'openapi.json')],
  ];
  const files = new Map<string, Buffer>();
  for (const [name, path] of sources) {
    try {
      files.set(name, await readFile(path));
    } catch (error) {
      throw new AppError(`网页文件 ${path} 读不到（${(error as Error).message}）。请检查 WEB_ASSETS_DIR，或设 WEB_ENABLED=false。`, { cause: error });
    }
  }
  return { files, chatPage: String(files.get('chat.html')), openapi: String(files.get('openapi.json')) };
}

/** Serves /assets/<name>: cacheable for an hour, loadable by other sites (the widget's script tag). */
export function mountAssets(app: Hono, assets: WebAssets): void {
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = name in ASSET_FILES || name.startsWith('uplot.') ? assets.files.get(name) : undefined;
    if (!body) return c.text('没有这个文件。', 404);
    c.header('content-type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    c.header('cache-control', 'public, max-age=3600');
    c.header('cross-origin-resource-policy', name === 'widget.js' ? 'cross-origin' : 'same-origin');
    return c.body(new Uint8Array(body));
  });
}

/** Bytes of every asset the chat page and the console load (the figure in the README). */
export function assetBytes(assets: WebAssets): Record<string, number> {
  return Object.fromEntries([...assets.files].map(([name, b]) => [name, b.byteLength]));
}
