import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hallContact } from '../../../src/catalog/contact.js';
import { createTestBot, type TestBot } from '../helpers.js';

/** Every line of the hall's contact block (values only: the channel decides the look). */
function expectContact(reply: string | undefined, t: TestBot): void {
  for (const line of hallContact(t.deps.catalog.current().hall).lines) expect(reply).toContain(line.value);
}

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
});

describe('asking whether the assistant is a person', () => {
  it.each(['你是机器人还是真人', '你是真人吗', '是人工回复的吗'])('says plainly for %j that it is automatic, and how to reach a person', async (question) => {
    const [reply] = t.texts(await t.send(question));
    expect(reply).toContain('自动问答助手');
    expect(reply).toContain('不是真人');
    expect(reply).toContain('转人工');
    expectContact(reply, t);
  });

  it('still hands over to a person when that is what is asked', async () => {
    const [reply] = t.texts(await t.send('转人工'));
    expect(reply).not.toContain('不是真人');
    expectContact(reply, t);
  });
});
