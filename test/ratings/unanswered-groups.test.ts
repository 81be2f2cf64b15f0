import { describe, expect, it } from 'vitest';
import { formatUnanswered, groupUnanswered, type UnansweredLike } from '../../src/ratings/unanswered-groups.js';

async function* from(entries: UnansweredLike[]): AsyncIterable<UnansweredLike> {
  yield* entries;
}

const at = '2026-11-20T02:00:00Z';
const bounds = { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-12-01T00:00:00Z'), top: 10 };

describe('the unanswered view', () => {
  it('groups catalog gaps by topic with a few wordings, and the other kinds by question', async () => {
    const groups = await groupUnanswered(
      from([
        { at, kind: 'gap', question: '村委会选举有问题找谁', candidates: [], topic: '村（居）民委员会选举' },
        { at, kind: 'gap', question: '居委会换届怎么选', candidates: [], topic: '村（居）民委员会选举' },
        { at, kind: 'gap', question: '社工证怎么考', candidates: [], topic: '社会工作者职业资格' },
        { at, kind: 'praise', question: '表扬低保办的王大姐', candidates: [] },
        { at, kind: 'praise', question: '表扬低保办的王大姐！', candidates: [] },
        { at, kind: 'low-confidence', question: '老人补贴', candidates: ['elderly.senior-allowance'] },
        { at, kind: 'out-of-scope', question: '公积金怎么提取', candidates: [], topic: '住房公积金' },
        { at: '2026-10-01T00:00:00Z', kind: 'gap', question: '上个月的', candidates: [], topic: '旧' },
      ]),
      bounds,
    );
    expect(groups.gap).toEqual([
      { example: '村（居）民委员会选举', count: 2, candidates: [], wordings: ['村委会选举有问题找谁', '居委会换届怎么选'] },
      { example: '社会工作者职业资格', count: 1, candidates: [], wordings: ['社工证怎么考'] },
    ]);
    expect(groups.praise).toEqual([{ example: '表扬低保办的王大姐', count: 2, candidates: [] }]);
    expect(groups['low-confidence'][0]).toMatchObject({ example: '老人补贴', count: 1 });
    expect(groups['out-of-scope']).toHaveLength(1);
    expect(groups.clarify).toEqual([]);
  });

  it('skips kinds it does not know instead of failing', async () => {
    const odd = { at, kind: 'something-new', question: 'x', candidates: [] } as unknown as UnansweredLike;
    const groups = await groupUnanswered(from([odd]), bounds);
    expect(Object.values(groups).flat()).toEqual([]);
  });

  it('prints every kind under its heading with counts and item names', async () => {
    const groups = await groupUnanswered(
      from([
        { at, kind: 'gap', question: '社工证怎么考', candidates: [], topic: '社会工作者职业资格' },
        { at, kind: 'low-confidence', question: '老人补贴', candidates: ['elderly.senior-allowance'] },
      ]),
      bounds,
    );
    const text = formatUnanswered(groups, (id) => (id === 'elderly.senior-allowance' ? '高龄津贴申请' : id), { from: '2026-11-01', to: '2026-11-30' });
    expect(text).toContain('目录里还没有办事指南');
    expect(text).toContain('1. 社会工作者职业资格（1 次）：社工证怎么考');
    expect(text).toContain('1. 老人补贴（1 次） → 高龄津贴申请');
    expect(text).toContain('群众的表扬和感谢：\n（无）');
  });
});
