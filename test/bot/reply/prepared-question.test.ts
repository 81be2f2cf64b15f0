import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotContext, BotDeps } from '../../../src/bot/context.js';
import { sharedGuard } from '../../../src/bot/middleware/shared-guard.js';
import { prepareQuestion, takePrepared, type PreparedQuestion } from '../../../src/bot/reply/prepared-question.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { ClaimResult, UpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { createTestBot, USER, type TestBot } from '../helpers.js';

/**
 * A guard that behaves like the database's: the claim goes out at the end of the turn (then
 * `onSent`), and settles a turn later with `result`, after `beforeSettle`.
 */
function fakeGuard(events: string[], result: ClaimResult['claim'], beforeSettle?: () => void): UpdateGuard {
  return {
    takeoverMs: 0,
    claim: async () => result,
    claimAndHit: (_updateId, _userId, _nowMs, _chatId, onSent) =>
      new Promise<ClaimResult>((resolve) => {
        setImmediate(() => {
          events.push('sent');
          onSent?.();
          setImmediate(() => {
            events.push('claim settled');
            resolve({ claim: result, hits: 1, ...(beforeSettle ? { prime: beforeSettle } : {}) });
          });
        });
      }),
    done: async () => undefined,
    hit: async () => 1,
    prune: async () => undefined,
  };
}

/** A test bot behind the shared guard, as a PostgreSQL instance runs it, with its prepare step logged. */
async function guardedBot(events: string[], result: ClaimResult['claim'], prime?: (deps: BotDeps) => void): Promise<TestBot> {
  return createTestBot({
    before: (deps) => {
      const prepare = prepareQuestion(deps);
      const guard = fakeGuard(events, result, prime ? () => prime(deps) : undefined);
      return [sharedGuard(guard, {
        perMinute: 100,
        logger: createSilentLogger(),
        prepare: (ctx) => {
          events.push('prepare');
          prepare(ctx);
        },
      })];
    },
  });
}

describe('a question prepared while its update is claimed', () => {
  const bots: TestBot[] = [];
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.close();
  });

  it('is worked out once the claim is on its way, and answered without matching again', async () => {
    const events: string[] = [];
    const t = await guardedBot(events, 'claimed');
    const plain = await createTestBot();
    bots.push(t, plain);
    const { matcher } = t.deps;
    const original = matcher.match.bind(matcher);
    vi.spyOn(matcher, 'match').mockImplementation((...args) => {
      events.push('match');
      return original(...args);
    });
    const calls = await t.send('结婚登记要带什么材料');
    // Matched while the claim travelled, and not again once it was settled.
    expect(events).toEqual(['sent', 'prepare', 'match', 'claim settled']);
    // The same reply as an instance that works it out after the claim.
    expect(t.texts(calls)).toEqual(plain.texts(await plain.send('结婚登记要带什么材料')));
    expect(t.buttons(calls).map((b) => b.text)).toEqual(plain.buttons().map((b) => b.text));
  });

  it('is worked out again when the claim brings a newer state of the chat from another instance', async () => {
    const events: string[] = [];
    // Another instance answered about 低保 in this chat: the claim reads that state.
    const t = await guardedBot(events, 'claimed', (deps) => deps.chats.set(USER.id, (s) => {
      s.previousIntent = 'assistance.dibao';
    }));
    bots.push(t);
    const match = vi.spyOn(t.deps.matcher, 'match');
    const texts = t.texts(await t.send('要多久'));
    expect(match).toHaveBeenCalledTimes(2);
    expect(match.mock.calls[1]?.[1]).toEqual({ previousIntent: 'assistance.dibao' });
    expect(texts.join('\n')).toContain('最低生活保障');
  });

  it('says and stores nothing when the update was a duplicate', async () => {
    const events: string[] = [];
    const t = await guardedBot(events, 'done');
    bots.push(t);
    const calls = await t.send('结婚登记要带什么材料');
    expect(events).toContain('prepare');
    expect(calls).toEqual([]);
    expect(t.deps.chats.get(USER.id)?.previousIntent).toBeUndefined();
  });

  it('leaves commands and chats in a dialog to their features', async () => {
    const events: string[] = [];
    const t = await guardedBot(events, 'claimed');
    bots.push(t);
    const match = vi.spyOn(t.deps.matcher, 'match');
    await t.send('/start');
    expect(match).not.toHaveBeenCalled();
    t.deps.chats.set(USER.id, (s) => {
      s.dialog = { feature: 'complaint', step: 'text', data: {}, expiresAt: new Date(Date.now() + 600_000).toISOString() };
    });
    const before = events.length;
    await t.send('窗口工作人员态度很差');
    expect(events.slice(before)).toContain('prepare');
    expect(match).not.toHaveBeenCalled();
  });

  it('is only a head start: when working it out fails, the question is still answered', async () => {
    const events: string[] = [];
    const t = await createTestBot({
      before: () => [sharedGuard(fakeGuard(events, 'claimed'), {
        perMinute: 100,
        logger: createSilentLogger(),
        prepare: () => {
          throw new Error('prepare broke');
        },
      })],
    });
    bots.push(t);
    const texts = t.texts(await t.send('结婚登记要带什么材料'));
    expect(texts.join('\n')).toContain('居民身份证');
  });

  it('is dropped when the catalog was reloaded after it was worked out', () => {
    const old = { items: [] } as unknown as PreparedQuestion['snapshot'];
    const prepared = { question: '低保', previousIntent: undefined, snapshot: old } as PreparedQuestion;
    const ctx = { prepared, deps: { catalog: { current: () => ({ items: [] }) } } } as unknown as BotContext;
    expect(takePrepared(ctx, '低保', undefined)).toBeUndefined();
    expect(ctx.prepared).toBeUndefined();
    const same = { prepared, deps: { catalog: { current: () => old } } } as unknown as BotContext;
    expect(takePrepared(same, '低保', undefined)).toBe(prepared);
    expect(takePrepared(same, '低保', 'assistance.dibao')).toBeUndefined();
  });
});
