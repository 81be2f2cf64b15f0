import { spawn } from 'node:child_process';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ratingCodec } from '../../src/ratings/codecs.js';
import { openLineLog } from '../../src/ratings/line-log.js';
import { openService, tempDir } from './helpers.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'append-child.ts');

/** Runs the child until it has acknowledged `target` ratings, then SIGKILLs it mid-stream. */
function runAndKill(dir: string, target: number): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    const child = spawn('npx', ['tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const acks: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('ack ')) acks.push(l.slice(4));
      if (acks.length >= target && child.exitCode === null) {
        // npx runs tsx which runs node: kill the whole process group so the writer itself dies.
        process.kill(-child.pid!, 'SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (acks.length < target) reject(new Error(`child ended early (${signal}): ${stderr}`));
      else resolve(acks);
    });
    child.on('error', reject);
  });
}

describe('rating log crash safety', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('keeps every acknowledged rating when the writer is killed with SIGKILL', async () => {
    const acks = await runAndKill(dir, 300);
    const log = await openLineLog(join(dir, 'ratings'), ratingCodec);
    const stored = new Set<string>();
    for await (const batch of log.read()) for (const r of batch) stored.add(r.answerId);
    await log.close();
    const lost = acks.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    // The store still opens, and a restarted service keeps appending after whatever was torn.
    const svc = await openService(dir, () => new Date());
    const { id } = await svc.recordAnswer({ chatId: 1, userId: 1, intent: null, kind: 'card', question: 'q' });
    expect(await svc.rate({ answerId: id, userId: 1, level: 5 })).toMatchObject({ ok: true });
    await svc.close();
  }, 60_000);

  it('skips a torn last line on read and appends the next record on a fresh line', async () => {
    const log = await openLineLog(join(dir, 'ratings'), ratingCodec);
    const base = { at: Date.parse('2026-09-14T02:00:00Z'), level: 5 as const, userId: 1, chatId: 1, intent: 'x', kind: 'card' as const };
    await log.append({ ...base, answerId: 'a1', firstAt: base.at });
    await log.close();
    const [file] = await readdir(join(dir, 'ratings'));
    // A line cut off mid-write: every field but the closing "$" is there.
    await appendFile(join(dir, 'ratings', file!), ratingCodec.encode({ ...base, answerId: 'a2', firstAt: base.at }).slice(0, -2));
    const reopened = await openLineLog(join(dir, 'ratings'), ratingCodec);
    await reopened.append({ ...base, answerId: 'a3', firstAt: base.at });
    const ids: string[] = [];
    for await (const batch of reopened.read()) ids.push(...batch.map((r) => r.answerId));
    expect(ids).toEqual(['a1', 'a3']);
    expect(reopened.skippedLines).toBe(1);
    await reopened.close();
  });
});
