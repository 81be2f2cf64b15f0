import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_INFO, USER, createTestBot, type TestBot } from '../helpers.js';

const chat = { id: USER.id, type: 'private' as const, first_name: USER.first_name };
const base = { message_id: 7, date: 0, chat, from: USER };

describe('messages that are not questions', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a sticker', { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }, /打字/],
    ['a photo', { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }, /图片/],
    ['a voice note', { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }, /语音/],
    ['a document', { document: { file_id: 'd', file_unique_id: 'd' } }, /附件/],
    ['a location', { location: { latitude: 1, longitude: 2 } }, /文字/],
  ];
  for (const [name, extra, expected] of cases) {
    it(`answers ${name} with a polite, useful reply`, async () => {
      const calls = await t.update({ message: { ...base, ...extra } } as never);
      expect(t.texts(calls).join('\n')).toMatch(expected);
    });
  }

  it('answers an edited message by asking to send the question again', async () => {
    const calls = await t.update({ edited_message: { ...base, edit_date: 1, text: '结婚登记' } } as never);
    expect(t.texts(calls).join('\n')).toContain('重新发');
  });

  it('answers an unknown command with a pointer to /help', async () => {
    expect(t.texts(await t.send('/foo')).join('\n')).toContain('/help');
  });

  it('in a group answers only when addressed, and asks to talk in private', async () => {
    const group = { id: -42, type: 'group' as const, title: '业主群' };
    const quiet = await t.update({ message: { ...base, chat: group, text: '低保怎么申请' } } as never);
    expect(quiet).toHaveLength(0);
    const text = `@${BOT_INFO.username} 低保怎么申请`;
    const addressed = await t.update({ message: { ...base, chat: group, text } } as never);
    expect(t.texts(addressed).join('\n')).toContain('私聊');
  });

  it('slows down a flood from one person with a single polite note', async () => {
    const limited = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const replies: string[] = [];
      for (let i = 0; i < 8; i++) replies.push(...limited.texts(await limited.send('你好')));
      expect(replies.filter((r) => r.includes('稍等'))).toHaveLength(1);
      expect(replies.filter((r) => r.includes('您好'))).toHaveLength(3);
    } finally {
      await limited.close();
    }
  });
});
