import { Writable } from 'node:stream';
import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture(): { stream: Writable; lines: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => out };
}

describe('logger', () => {
  it('masks a complaint quoted in a failed Bot API call (err.payload.text)', () => {
    const { stream, lines } = capture();
    const log = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, { destination: stream });
    const err = new GrammyError(
      'Call to sendMessage failed',
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'sendMessage',
      { chat_id: -100, text: '投诉：我电话 138 1234 5678，身份证 110101 19900307 1234' },
    );
    log.error({ err }, 'could not notify the managers chat');
    const out = lines();
    expect(out).toContain('could not notify the managers chat');
    expect(out).not.toMatch(/1234 5678|19900307/);
    expect(out).toContain('138****5678');
  });

  it('masks personal data in an error message and in text fields', () => {
    const { stream, lines } = capture();
    const log = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, { destination: stream });
    log.error({ err: new Error('bad input 110101199003071234'), update: { message: { text: '手机13812345678' } } }, 'x');
    expect(lines()).not.toMatch(/19900307|12345678/);
  });
});
