import { Api, GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { classifySendError, createApiReminderSender } from '../../src/bot/reminder-sender.js';

const apiError = (code: number, description: string, retryAfter?: number): GrammyError =>
  new GrammyError(
    'call failed',
    { ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
    'sendMessage',
    {},
  );

describe('classifySendError', () => {
  it('reads retry_after from a 429', () => {
    expect(classifySendError(apiError(429, 'Too Many Requests: retry after 7', 7))).toEqual({ status: 'retry-after', seconds: 7 });
  });

  it('treats 403 and a vanished chat as blocked', () => {
    expect(classifySendError(apiError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ status: 'blocked' });
    expect(classifySendError(apiError(400, 'Bad Request: chat not found'))).toMatchObject({ status: 'blocked' });
  });

  it('retries a request that never left and a 502; a dropped connection is unconfirmed; other 400s are permanent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifySendError(new HttpError('Network request failed', refused))).toMatchObject({ status: 'network-error' });
    expect(classifySendError(new HttpError('Network request failed', reset))).toMatchObject({ status: 'unconfirmed' });
    expect(classifySendError(apiError(502, 'Bad Gateway'))).toMatchObject({ status: 'network-error' });
    expect(classifySendError(apiError(400, 'Bad Request: message is too long'))).toMatchObject({ status: 'failed' });
  });
});

describe('createApiReminderSender', () => {
  it('sends the text with the buttons as an inline keyboard', async () => {
    const api = new Api('123:TEST');
    const calls: { method: string; payload: unknown }[] = [];
    api.config.use(async (_prev, method, payload) => {
      calls.push({ method, payload });
      return { ok: true, result: { message_id: 42 } } as never;
    });
    const sender = createApiReminderSender(api);
    const outcome = await sender.send(5, { text: '提醒', buttons: [[{ text: '已提交', data: 'rem:done:X' }]] });
    expect(outcome).toEqual({ status: 'ok', messageId: 42 });
    expect(calls[0]).toMatchObject({
      method: 'sendMessage',
      payload: { chat_id: 5, text: '提醒', reply_markup: { inline_keyboard: [[{ text: '已提交', callback_data: 'rem:done:X' }]] } },
    });
  });
});
