import type { Jieba } from '@node-rs/jieba';
import type { CatalogSnapshot } from '../catalog/types.js';
import type { IntentsData } from './intents-schema.js';
import { addDomainWords, getJieba } from './jieba.js';
import { createNormalizer, type Normalizer } from './normalize.js';
import { createPhraseFinder, type PhraseFinder } from './phrase-finder.js';
import { buildFamilies, type Family } from './families.js';
import { buildNameKeys, wordKey } from './name-keys.js';
import { nameVariants } from './name-variants.js';
import { createPinyinIndex, type PinyinIndex } from './pinyin-index.js';
import { buildPostings, type Field, type Posting } from './postings.js';
import type { ScopeModel } from './scope/model.js';
import type { SecondOpinionTuning } from './scope/second-opinion.js';
import { extractTerms } from './terms.js';
import type { Aspect } from './types.js';

/** The catalog fields the matcher reads; a full `CatalogSnapshot` satisfies it. */
export interface MatchableSnapshot {
  items: readonly Pick<
    CatalogSnapshot['items'][number],
    'id' | 'name' | 'aliases' | 'keywords' | 'faq' | 'summary' | 'category'
  >[];
  hall: { referrals: readonly { topic: string; department?: string; keywords: readonly string[] }[] };
}

/**
 * item: a service item; system: greeting, help …; referral: another department's business (the hall's
 * referrals); gap: 民政 business without a guide (intents/gaps.yaml); decline: a topic nobody owns
 * (chit-chat, intents/out-of-scope.yaml).
 */
export type DocKind = 'item' | 'system' | 'referral' | 'gap' | 'decline';

export interface IndexDoc {
  id: string;
  kind: DocKind;
  /** For referrals, gaps and declines: the topic as written in the data. */
  topic?: string;
  /** For referrals: the department to ask. */
  department?: string;
  /** For 社会组织 items: the organisation kind its name names (社会团体, 基金会 …). */
  orgKind?: string;
  /** For 社会组织 items: the action its name names (成立, 变更, 注销). */
  action?: string;
  /** For items: the normalised name and aliases, which found verbatim name the item outright. */
  names?: readonly string[];
  /** For items: longer keywords ("老人补贴"), which found verbatim anchor the item. */
  keyPhrases?: readonly string[];
  /** For items: the qualifier its name has (基金会 …), see the dictionary's `qualifiers`. */
  qualifier?: string;
  /** For items: words one of which a question must say for the item to be claimed (dictionary `requires`). */
  requires?: readonly string[];
  /** For items: a second group, one word of which the question must also say (dictionary `alsoRequires`). */
  alsoRequires?: readonly string[];
  /**
   * For a general item of a family with a qualified sibling (结婚登记 beside 涉外婚姻登记): the words
   * that say the sibling's qualifier (涉外, 外国人 …); said in a question, this item gives way.
   */
  siblingCues?: readonly string[];
}

export type { Posting } from './postings.js';

/** Everything one `match` call needs; rebuilt whole when the catalog reloads. */
export interface MatcherIndex {
  docs: readonly IndexDoc[];
  byId: ReadonlyMap<string, number>;
  postings: ReadonlyMap<string, readonly Posting[]>;
  /**
   * Keywords matched as whole phrases: system intents ("在吗" is all stopwords as terms), referral,
   * gap and decline topics ("因离婚变更借款人" holds 离婚, but "借款人" names 公积金).
   */
  phrases: readonly { doc: number; text: string }[];
  /** Finds `phrases` in a question. */
  phraseFinder: PhraseFinder;
  /** Finds items' names, aliases and key phrases in a question (`outright[i]` says whose and which). */
  outrightFinder: PhraseFinder;
  outright: readonly { doc: number; name: boolean }[];
  /** Words that never anchor an item alone (dictionary `generic`). */
  generic: ReadonlySet<string>;
  /** Every word of every organisation kind, for telling "那基金会呢" apart from new content. */
  kindWords: readonly string[];
  idf: ReadonlyMap<string, number>;
  normalizer: Normalizer;
  pinyin: PinyinIndex;
  jieba: Jieba;
  /** Stopwords plus aspect cues: they say how a thing is asked, never which thing. */
  ignored: ReadonlySet<string>;
  aspects: readonly (readonly [Aspect, readonly string[]])[];
  kinds: readonly (readonly [string, readonly string[]])[];
  actions: readonly (readonly [string, readonly string[]])[];
  /** For each action, the documents of an organisation kind that perform it. */
  byAction: ReadonlyMap<string, readonly number[]>;
  /** Umbrella words and the items they name together ("救助": 低保, 特困 …). */
  families: readonly Family[];
  /** Item names and aliases by their word key (see name-keys.ts); null when two items share one. */
  nameKeys: ReadonlyMap<string, number | null>;
  /** The learned second opinion (data/scope-model.json), when one is loaded: see scope/second-opinion.ts. */
  scope?: ScopeModel;
  /** When the model overrides the hand rules; default SECOND_OPINION (cross-validation tries others). */
  scopeTuning?: SecondOpinionTuning;
  /** Per-index working memory for scoring; matching is synchronous, so one buffer suffices. */
  scratch: { scores?: Float64Array; anchors?: Float64Array; full?: Int32Array; part?: Int32Array; phrased?: Int32Array; owned?: Int32Array };
}

export interface MatcherIndexOptions {
  /** Correct mistyped pinyin words with fuse.js over the vocabulary's readings; default true. */
  fuzzyPinyin?: boolean;
  /** The learned model consulted after the hand rules; none: the hand rules alone decide. */
  scopeModel?: ScopeModel;
  scopeTuning?: SecondOpinionTuning;
}

const isOwn = (d: IndexDoc): boolean => d.kind === 'item' || d.kind === 'system';

/** How much a match in each field counts. Names and aliases say what an item is; FAQs only touch it. */
const FIELD = {
  name: 1,
  alias: 0.85,
  keyword: 0.75,
  category: 0.5,
  faq: 0.35,
  summary: 0.25,
  example: 0.6,
  topic: 0.8,
} as const;

/**
 * Builds the search index over the catalog's items, the system intents and the topics to decline
 * (hall referrals plus intents/out-of-scope.yaml). The same inputs give the same index; the one side
 * effect is teaching the shared jieba the dictionary's long words, which only ever adds words.
 */
export function buildMatcherIndex(
  snapshot: MatchableSnapshot,
  intents: IntentsData,
  options: MatcherIndexOptions = {},
): MatcherIndex {
  const jieba = getJieba();
  const { dictionary } = intents;
  const normalizer = createNormalizer(dictionary);
  const norm = (words: readonly string[]): string[] => words.map((w) => normalizer.base(w)).filter(Boolean);

  const aspects = (Object.entries(dictionary.aspects) as [Aspect, string[]][]).map(([a, cues]) => [a, norm(cues)] as const);
  const kinds = Object.entries(dictionary.kinds).map(([k, words]) => [normalizer.base(k), norm([k, ...words])] as const);
  const actions = Object.entries(dictionary.actions).map(([a, words]) => [a, norm([a, ...words])] as const);
  const ignored = new Set([...norm(dictionary.stopwords), ...aspects.flatMap(([, cues]) => cues)]);
  addDomainWords([
    ...norm([...Object.keys(dictionary.synonyms), ...Object.keys(dictionary.typos)]),
    ...kinds.flatMap(([, w]) => w),
    ...actions.flatMap(([, w]) => w),
    // Short catalog words too: "老年证" cut as 老年 + 证 loses the 证 that makes it the card.
    ...snapshot.items.flatMap((i) => norm([i.name, ...i.aliases, ...i.keywords])).filter((w) => [...w].length <= 3),
    // An item's two-character concept words ("失能", cut 失/能 with 能 a stopword, was lost) stay whole.
    // Longer ones are not taught: measured, they cut questions worse (dev 149 → 147 of 150).
    ...norm(Object.values(dictionary.requires).flat()).filter((w) => [...w].length === 2),
  ]);

  // Kind members ("协会", "商会") are rewritten to their kind on both sides, so no normalised text
  // has them: like variants, they are listed here so typed pinyin ("xiehui") can still be read.
  const variants = new Set(
    [dictionary.synonyms, dictionary.typos, dictionary.kinds].flatMap((t) =>
      Object.values(t).flat().map((v) => v.toLowerCase()),
    ),
  );
  const docs: IndexDoc[] = [];
  const fields: Field[] = [];
  const vocabulary: string[] = [...ignored, ...variants, ...kinds.flatMap(([, w]) => w), ...actions.flatMap(([, w]) => w)];
  const addDoc = (doc: IndexDoc, texts: [readonly string[], number, boolean?][]): void => {
    const at = docs.push(doc) - 1;
    for (const [list, weight, strong] of texts) for (const text of norm(list)) fields.push({ doc: at, text, weight, strong: strong ?? false });
  };

  const strongTexts = new Map<number, string[]>();
  // Official names: the long formal titles are what people shorten (see name-variants.ts).
  const official: { doc: number; text: string }[] = [];
  const named = new Map<number, string[]>();
  for (const item of snapshot.items) {
    strongTexts.set(docs.length, norm([item.name, ...item.aliases, ...item.keywords]));
    official.push({ doc: docs.length, text: normalizer.phrase(item.name) });
    named.set(docs.length, norm([item.name, ...item.aliases]));
    const name = normalizer.base(item.name);
    const orgKind = kinds.find(([k]) => name.includes(k))?.[0];
    const action = actions.find(([, words]) => words.some((w) => name.includes(w)))?.[0];
    // Names and aliases of three characters or more, keywords of four or more ("老人补贴", not "养老院").
    const names = [...new Set([item.name, ...item.aliases].map((t) => normalizer.phrase(t)).filter((t) => [...t].length >= 3))];
    const qualifier = norm(dictionary.qualifiers).find((q) => name.includes(q));
    const keyPhrases = [...new Set(item.keywords.map((t) => normalizer.phrase(t)).filter((t) => [...t].length >= 4))];
    const requires = dictionary.requires[item.id] ? norm(dictionary.requires[item.id] ?? []) : undefined;
    const alsoRequires = dictionary.alsoRequires[item.id] ? norm(dictionary.alsoRequires[item.id] ?? []) : undefined;
    addDoc({ id: item.id, kind: 'item', names, keyPhrases, ...(qualifier ? { qualifier } : {}), ...(requires ? { requires } : {}), ...(alsoRequires ? { alsoRequires } : {}), ...(orgKind && action ? { orgKind, action } : {}) }, [
      [[item.name], FIELD.name, true],
      [item.aliases, FIELD.alias, true],
      [item.keywords, FIELD.keyword, true],
      [item.faq.map((f) => f.q), FIELD.faq],
      [[item.summary], FIELD.summary],
      [[item.category], FIELD.category],
    ]);
    vocabulary.push(...norm([item.name, ...item.aliases, ...item.keywords]));
  }
  const phrases: { doc: number; text: string }[] = [];
  for (const intent of intents.system) {
    for (const text of norm(intent.keywords)) if (text.length >= 2) phrases.push({ doc: docs.length, text });
    // Keywords are matched as phrases (above); as terms they would let "上班" outweigh a real topic.
    addDoc({ id: intent.id, kind: 'system' }, [[intent.examples, FIELD.example, true]]);
  }
  const topics: [DocKind, { topic: string; department?: string; keywords: readonly string[] }][] = [
    ...snapshot.hall.referrals.map((r) => ['referral', r] as [DocKind, typeof r]),
    ...(intents.gaps ?? []).map((g) => ['gap', g] as [DocKind, typeof g]),
    ...intents.outOfScope.map((o) => ['decline', o] as [DocKind, typeof o]),
  ];
  for (const [kind, r] of topics) {
    const at = docs.length;
    for (const keyword of r.keywords) {
      const text = normalizer.phrase(keyword);
      if ([...text].length >= 2) phrases.push({ doc: at, text });
    }
    // Their words score (so a topic can outrank an item), but only a phrase found verbatim anchors
    // one: "离婚" is in 法院's "离婚诉讼", yet a question about 离婚 alone is ours.
    addDoc({ id: `${kind}:${r.topic}`, kind, topic: r.topic, ...(r.department ? { department: r.department } : {}) }, [
      [r.keywords, 1],
      [[r.topic], FIELD.topic],
    ]);
  }

  const built = buildPostings(fields, docs.length, jieba, ignored, (doc) => isOwn(docs[doc]!));
  const { postings, idf, words } = built;
  const ownWords = new Set([...vocabulary, ...built.ownWords]);
  vocabulary.push(...words);
  // Other departments' words stay as typed ("限行" is not a slip for 先行), but never replace a
  // word of ours: only the catalog's and the system intents' words are homophone targets.
  const topicWords = new Set(norm(topics.flatMap(([, r]) => r.keywords)));
  vocabulary.push(...topicWords);

  const latinWords = intents.system.flatMap((s) => [...s.keywords, ...s.examples]).filter((w) => /^[a-z ]+$/i.test(w));
  const pinyin = createPinyinIndex(vocabulary, {
    isCommonWord: (w) => jieba.cut(w, false).length === 1,
    // Variants ("丢了") help read typed pinyin but are rewritten afterwards: never homophone targets.
    isTarget: (w) => !ignored.has(w) && !variants.has(w) && ownWords.has(w),
    latinWords: latinWords.map((w) => w.toLowerCase()),
    fuzzy: options.fuzzyPinyin ?? true,
  });
  const byId = new Map(docs.map((d, i) => [d.id, i]));
  const termsOf = (text: string): ReturnType<typeof extractTerms> => extractTerms(text, jieba, ignored);
  const byAction = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (d.action && d.orgKind) byAction.set(d.action, [...(byAction.get(d.action) ?? []), i]);
  });
  const outrightTexts: string[] = [];
  const outright: { doc: number; name: boolean }[] = [];
  docs.forEach((d, doc) => {
    for (const [texts, name] of [[d.names ?? [], true], [d.keyPhrases ?? [], false]] as const) {
      for (const text of texts) {
        outright.push({ doc, name });
        outrightTexts.push(text);
      }
    }
  });
  const said = docs.flatMap((d, doc) => [...(d.names ?? []), ...(d.keyPhrases ?? [])].map((text) => ({ doc, text })));
  for (const v of nameVariants(official, said)) {
    outright.push({ doc: v.doc, name: true });
    outrightTexts.push(v.text);
  }
  // Only qualifiers that narrow: not an organisation kind (基金会, handled as a kind) nor an umbrella
  // word every item of its family says anyway (慈善 for the charity items).
  const umbrellas = Object.keys(dictionary.families).flatMap((w) => w.split(/\s+/)).map((w) => normalizer.base(w));
  const narrowing = (q: string): boolean => !kinds.some(([k]) => k === q) && !umbrellas.some((u) => u.includes(q) || q.includes(u));
  const familyQualifiers = new Map<string, Map<string, string[]>>();
  for (const d of docs) {
    if (!d.qualifier || !narrowing(d.qualifier)) continue;
    const family = d.id.split('.')[0] ?? '';
    const cues = [d.qualifier, ...norm(dictionary.qualifierCues[d.qualifier] ?? [])];
    const byQualifier = familyQualifiers.get(family) ?? new Map<string, string[]>();
    byQualifier.set(d.qualifier, cues);
    familyQualifiers.set(family, byQualifier);
  }
  // Set on the items once, so scoring a question costs nothing for every other document: each item
  // gives way to a sibling's qualifier, the general ones to every one, a narrowed one to the others'
  // ("结婚登记预约" is not 涉外婚姻登记).
  for (const d of docs) {
    const byQualifier = d.kind === 'item' ? familyQualifiers.get(d.id.split('.')[0] ?? '') : undefined;
    if (!byQualifier) continue;
    const cues = [...byQualifier].filter(([q]) => q !== d.qualifier).flatMap(([, c]) => c);
    if (cues.length > 0) d.siblingCues = [...new Set(cues)];
  }
  return {
    docs,
    byAction,
    phraseFinder: createPhraseFinder(phrases.map((p) => p.text)),
    outrightFinder: createPhraseFinder(outrightTexts),
    outright,
    families: buildFamilies(dictionary.families, { byId, strongTexts, normalize: normalizer.base, termsOf }),
    nameKeys: buildNameKeys(named, (text) => wordKey(text, jieba, ignored)),
    scratch: {},
    byId,
    postings,
    phrases,
    // A category's words name a whole shelf of items (殡葬, 养老, 地名): never one item alone.
    generic: new Set([
      ...norm(dictionary.generic),
      ...norm([...new Set(snapshot.items.map((i) => i.category))]).flatMap((c) => extractTerms(c, jieba, ignored).map((t) => t.term)),
    ]),
    kindWords: [...new Set(kinds.flatMap(([, words]) => words))],
    idf,
    normalizer,
    pinyin,
    jieba,
    ignored,
    aspects,
    kinds,
    actions,
    ...(options.scopeModel ? { scope: options.scopeModel } : {}),
    ...(options.scopeTuning ? { scopeTuning: options.scopeTuning } : {}),
  };
}
