import { expect, it } from 'vitest';
import type { UnansweredEntry } from '../../../src/store/unanswered-log.js';
import { describeStores } from './backends.js';

async function all(entries: AsyncIterable<UnansweredEntry>): Promise<UnansweredEntry[]> {
  const out: UnansweredEntry[] = [];
  for await (const e of entries) out.push(e);
  return out;
}

describeStores('unanswered questions', (backend, open) => {

  it.skipIf(backend.skip)('reads back entries in the order recorded, with ID numbers and phones masked', async () => {
    const where = await open();
    const log = await where.unanswered();
    await log.record({ at: '2026-03-01T01:00:00.000Z', kind: 'out-of-scope', question: '我的身份证110101199003074578能办护照吗', candidates: [] });
    await log.record({ at: '2026-03-01T02:00:00.000Z', kind: 'clarify', question: '补贴 13812345678', candidates: ['a', 'b'] });
    const read = await all((await where.unanswered()).entries());
    expect(read.map((e) => e.kind)).toEqual(['out-of-scope', 'clarify']);
    expect(read[0]?.question).not.toContain('110101199003074578');
    expect(read[1]?.question).not.toContain('13812345678');
    expect(read[1]?.candidates).toEqual(['a', 'b']);
  });

  it.skipIf(backend.skip)('has no entries when nothing was recorded', async () => {
    const where = await open();
    expect(await all((await where.unanswered()).entries())).toEqual([]);
  });
});
