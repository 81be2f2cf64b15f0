import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChatStore } from '../../src/store/chat-store.js';
import { createUnansweredLog } from '../../src/store/unanswered-log.js';
import { appendFile } from 'node:fs/promises';

describe('the chat store', () => {
  it('persists the item under discussion across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-chat-'));
    const store = await createChatStore(dir);
    store.set(7, (s) => {
      s.previousIntent = 'assistance.dibao';
    });
    await store.flush();
    const reopened = await createChatStore(dir);
    expect(reopened.get(7)?.previousIntent).toBe('assistance.dibao');
    const disk = JSON.parse(await readFile(join(dir, 'chats.json'), 'utf8')) as { version: number };
    expect(disk.version).toBe(1);
  });

  it('writes a burst of changes as one batch shortly after, without losing any', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-chat-'));
    const store = await createChatStore(dir, { writeDelayMs: 20 });
    for (let i = 0; i < 10; i++) store.set(i, (s) => void (s.previousIntent = `x.y${i}`));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const disk = JSON.parse(await readFile(join(dir, 'chats.json'), 'utf8')) as { chats: Record<string, unknown> };
    expect(Object.keys(disk.chats)).toHaveLength(10);
  });

  it('flushes every pending change on demand', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-chat-'));
    const store = await createChatStore(dir);
    for (let i = 0; i < 100; i++) store.set(i, (s) => void (s.previousIntent = `x.y${i}`));
    await store.flush();
    const reopened = await createChatStore(dir);
    expect(reopened.get(99)?.previousIntent).toBe('x.y99');
    expect(reopened.get(0)?.previousIntent).toBe('x.y0');
  });
});

describe('the unanswered-question log', () => {
  it('stores questions masked and skips a torn last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-un-'));
    const log = await createUnansweredLog(dir);
    await log.record({ at: '2026-11-22T00:00:00Z', kind: 'out-of-scope', question: '手机13812345678怎么办社保', candidates: [] });
    await appendFile(join(dir, 'unanswered.jsonl'), '{"at": "2026-11-2');
    const entries = [];
    for await (const e of log.entries()) entries.push(e);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.question).toBe('手机138****5678怎么办社保');
  });

  it('reads an empty log as no entries', async () => {
    const log = await createUnansweredLog(await mkdtemp(join(tmpdir(), 'mz-un-')));
    const entries = [];
    for await (const e of log.entries()) entries.push(e);
    expect(entries).toEqual([]);
  });
});
