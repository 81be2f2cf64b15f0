import { Composer, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { LeanComposer } from '../../src/bot/lean-composer.js';

type Trace = string[];
const asContext = (update: Update): Context => ({ update, message: update.message, callbackQuery: update.callback_query, has: undefined }) as unknown as Context;

/** The same routing built on grammY's Composer and on ours, so both can be run on one update. */
function routing(make: () => Composer<Context>, trace: Trace): Composer<Context> {
  const root = make();
  root.use(async (_ctx, next) => {
    trace.push('before');
    await next();
    trace.push('after');
  });
  root.filter((ctx) => ctx.update.message?.text === 'skip', () => {
    trace.push('skipped');
  });
  root.filter(async (ctx) => Promise.resolve(Boolean(ctx.update.message)), async (_ctx, next) => {
    trace.push('async filter');
    await next();
  }).use((_ctx, next) => {
    trace.push('chained');
    return next();
  });
  root.branch((ctx) => ctx.update.callback_query !== undefined, () => void trace.push('callback'), (_ctx, next) => next());
  root.use(() => void trace.push('last'));
  return root;
}

const text = (t: string): Update => ({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private', first_name: 'a' }, text: t } }) as Update;
const callback: Update = { update_id: 2, callback_query: { id: 'q', chat_instance: 'c', from: { id: 1, is_bot: false, first_name: 'a' }, data: 'x' } } as Update;

async function traceOf(make: () => Composer<Context>, update: Update): Promise<Trace> {
  const trace: Trace = [];
  await routing(make, trace).middleware()(asContext(update), async () => void trace.push('next of root'));
  return trace;
}

describe('LeanComposer', () => {
  it.each([
    ['a plain text message', text('你好')],
    ['a message a sync filter takes', text('skip')],
    ['a callback query', callback],
  ])('routes %s exactly as grammY’s Composer does', async (_name, update) => {
    const ours = await traceOf(() => new LeanComposer<Context>(), update);
    expect(ours).toEqual(await traceOf(() => new Composer<Context>(), update));
    expect(ours.length).toBeGreaterThan(2);
  });

  it('refuses a middleware that calls next twice, as grammY does', async () => {
    const c = new LeanComposer<Context>();
    c.use(async (_ctx, next) => {
      await next();
      await next();
    });
    await expect(c.middleware()(asContext(text('x')), async () => undefined)).rejects.toThrow('`next` already called before!');
  });

  it('calls the outer next when every middleware passes', async () => {
    const c = new LeanComposer<Context>((_ctx, next) => next());
    c.filter(() => false, () => undefined);
    let reached = false;
    await c.middleware()(asContext(text('x')), async () => {
      reached = true;
    });
    expect(reached).toBe(true);
  });
});
