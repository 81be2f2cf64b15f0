import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../../src/catalog/types.js';
import type { MatchableSnapshot } from '../../src/matching/build-index.js';
import { createMatcher } from '../../src/matching/create-matcher.js';
import type { IntentsData } from '../../src/matching/intents-schema.js';
import { loadIntents } from '../../src/matching/load-intents.js';
import type { Matcher } from '../../src/matching/types.js';
import { fixtureSnapshot } from './fixtures/catalog.js';

/** A catalog whose reload the test triggers by hand. */
function fakeCatalog(first: MatchableSnapshot) {
  let current = first;
  const listeners = new Set<(s: CatalogSnapshot) => void>();
  return {
    current: () => current as CatalogSnapshot,
    onReload(listener: (s: CatalogSnapshot) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload(next: MatchableSnapshot) {
      current = next;
      for (const l of listeners) l(next as CatalogSnapshot);
    },
  };
}

let intents: IntentsData;
let matcher: Matcher;
beforeAll(async () => {
  intents = await loadIntents('intents');
  matcher = createMatcher({ catalog: fakeCatalog(fixtureSnapshot), intents });
});

describe('createMatcher', () => {
  it('names the item confidently for a clear question, with the aspect it asks about', () => {
    const r = matcher.match('节婚登记要带什么');
    expect(r).toMatchObject({ intent: 'marriage.register', clarify: false, aspect: 'materials', followUp: false });
    expect(r.score).toBeGreaterThan(0.5);
  });

  it('asks which organisation when an action names none', () => {
    const r = matcher.match('我们组织要注销，去哪办');
    expect(r.clarify).toBe(true);
    expect(r.intent).toBeNull();
    expect(r.candidates.map((c) => c.intent).sort()).toEqual([
      'foundation.deregister',
      'nonprofit-unit.deregister',
      'social-group.deregister',
    ]);
  });

  it('does not ask when the question names the kind of organisation', () => {
    expect(matcher.match('协会要解散了怎么办').intent).toBe('social-group.deregister');
  });

  it('claims nothing for a question outside the hall', () => {
    expect(matcher.match('今天天气怎么样')).toMatchObject({ intent: null, clarify: false, candidates: [] });
    expect(matcher.match('身份证丢了去哪补办')).toMatchObject({ intent: null, clarify: false });
    expect(matcher.match('？？')).toMatchObject({ intent: null, clarify: false });
  });

  it('recognises system intents', () => {
    expect(matcher.match('在吗？').intent).toBe('greeting');
    expect(matcher.match('转人工').intent).toBe('human-handoff');
  });

  it('answers a follow-up about the item under discussion and says which aspect it asks', () => {
    const r = matcher.match('要多久', { previousIntent: 'marriage.divorce' });
    expect(r).toMatchObject({ intent: 'marriage.divorce', followUp: true, aspect: 'time', clarify: false });
    expect(matcher.match('收费吗', { previousIntent: 'marriage.register' })).toMatchObject({
      intent: 'marriage.register',
      aspect: 'fee',
      followUp: true,
    });
  });

  it('does not treat a new topic as a follow-up', () => {
    const r = matcher.match('低保怎么申请', { previousIntent: 'marriage.register' });
    expect(r).toMatchObject({ intent: 'assistance.dibao', followUp: false });
  });

  it('keeps the action and switches the organisation for "那基金会呢"', () => {
    const r = matcher.match('那基金会呢', { previousIntent: 'social-group.deregister' });
    expect(r).toMatchObject({ intent: 'foundation.deregister', followUp: true, clarify: false });
    const change = matcher.match('那基金会呢', { previousIntent: 'social-group.change-name' });
    expect(change.intent).toBe('foundation.change');
  });

  it('without a previous item, an aspect-only question claims no item', () => {
    expect(matcher.match('要多久')).toMatchObject({ intent: null, followUp: false });
  });

  it('rebuilds its index when the catalog reloads', () => {
    const catalog = fakeCatalog(fixtureSnapshot);
    const live = createMatcher({ catalog, intents });
    expect(live.match('公墓建设审批').intent).toBeNull();
    catalog.reload({
      ...fixtureSnapshot,
      items: [
        ...fixtureSnapshot.items,
        { id: 'funeral.cemetery-approval', name: '公墓建设审批', category: '殡葬', aliases: [], keywords: ['公墓'], summary: '建公墓的审批。', faq: [] },
      ],
    });
    expect(live.match('公墓建设审批').intent).toBe('funeral.cemetery-approval');
  });

  it('remembers a verdict for the same text and previous item, and only for those', () => {
    const first = matcher.match('要多久', { previousIntent: 'marriage.register' });
    expect(matcher.match('要多久', { previousIntent: 'marriage.register' })).toBe(first);
    expect(matcher.match('要多久')).not.toBe(first);
    expect(matcher.match('要多久').intent).toBeNull();
    expect(Object.isFrozen(first.candidates)).toBe(true);
  });

  it('matches afresh when told to remember nothing', () => {
    const fresh = createMatcher({ catalog: fakeCatalog(fixtureSnapshot), intents, memo: 0 });
    const a = fresh.match('节婚登记要带什么');
    const b = fresh.match('节婚登记要带什么');
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });
});
