import type { Scored } from './score.js';
import type { Term } from './terms.js';

/**
 * A family of items that one umbrella word names as a whole: "救助" fits 低保, 特困, 临时救助 and
 * 流浪乞讨救助 alike. Defined in intents/dictionary.yaml `families`.
 */
export interface Family {
  /** Normalised words that must all appear for a question to name the family. */
  umbrella: readonly string[];
  /** The member documents, in the dictionary's order. */
  members: readonly number[];
  /** For each term of the members' names, aliases and keywords: how many members have it. */
  memberCount: ReadonlyMap<string, number>;
  /** Qualified umbrella phrases only one member lists ("老人补贴"): each names that member. */
  ownPhrases: readonly string[];
  /** Each member's own terms (of its name, aliases and keywords). */
  memberTerms: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface FamilySources {
  byId: ReadonlyMap<string, number>;
  /** Each item's normalised name, aliases and keywords: the words that say what it is. */
  strongTexts: ReadonlyMap<number, readonly string[]>;
  normalize(text: string): string;
  termsOf(text: string): Term[];
}

/** Whether a term is (part of) an umbrella word or extends one ("慈善组织" of 慈善): no qualifier. */
const isUmbrellaTerm = (umbrella: readonly string[], term: string): boolean =>
  umbrella.some((u) => u.includes(term) || term.includes(u));

/**
 * Resolves the dictionary's families against the catalog. Ids the catalog does not have are left
 * out (the catalog reloads without the dictionary); a family left with fewer than two is dropped.
 */
export function buildFamilies(families: Readonly<Record<string, readonly string[]>>, src: FamilySources): Family[] {
  const out: Family[] = [];
  for (const [words, ids] of Object.entries(families)) {
    const umbrella = words.split(/\s+/).map((w) => src.normalize(w)).filter(Boolean);
    const members = [...new Set(ids.map((id) => src.byId.get(id)).filter((d): d is number => d !== undefined))];
    if (umbrella.length === 0 || members.length < 2) continue;
    const memberCount = new Map<string, number>();
    const memberTerms = new Map<number, ReadonlySet<string>>();
    const phraseOwners = new Map<string, Set<number>>();
    for (const doc of members) {
      const texts = src.strongTexts.get(doc) ?? [];
      const own = new Set(texts.flatMap((t) => src.termsOf(t).map((x) => x.term)));
      memberTerms.set(doc, own);
      for (const term of own) memberCount.set(term, (memberCount.get(term) ?? 0) + 1);
      for (const text of texts) {
        const qualified =
          umbrella.every((u) => text.includes(u)) && src.termsOf(text).some((t) => !isUmbrellaTerm(umbrella, t.term));
        if (qualified) phraseOwners.set(text, (phraseOwners.get(text) ?? new Set()).add(doc));
      }
    }
    const ownPhrases = [...phraseOwners].filter(([, owners]) => owners.size === 1).map(([text]) => text);
    out.push({ umbrella, members, memberCount, ownPhrases, memberTerms });
  }
  return out;
}

/** The members the question names each by a word only that member has ("87了 … 一级残疾": two). */
function namedMembers(f: Family, terms: readonly string[]): number[] {
  const own = terms.filter((t) => f.memberCount.get(t) === 1 && !f.umbrella.some((u) => u.includes(t)));
  return f.members.filter((doc) => own.some((t) => f.memberTerms.get(doc)?.has(t)));
}

/** Whether the question says which member it means: a word or a qualified phrase only it has. */
function namesOneMember(f: Family, question: { normalized: string; terms: readonly string[] }): boolean {
  return (
    question.terms.some((t) => f.memberCount.get(t) === 1 && !f.umbrella.some((u) => u.includes(t))) ||
    f.ownPhrases.some((p) => question.normalized.includes(p))
  );
}

/**
 * What to offer when a question names a family by its umbrella word and nothing that belongs to
 * just one member ("家里困难，想申请救助": 困难 fits 低保 and 临时救助 both): the close items that
 * are not members, then every member, best first. Applies only when a member is among the close
 * items, so a question really about something else ("残疾人补贴" → 两项补贴) is left to scoring.
 * A question that names two members or more by their own words while asking with the umbrella gets
 * those members. Undefined when no family fits.
 */
export function familyOptions(
  families: readonly Family[],
  question: { normalized: string; terms: readonly string[]; specificTerms: readonly string[]; ranked: readonly Scored[] },
  close: readonly Scored[],
  /** Whether an item has evidence enough to be claimed on its own: each named member must. */
  isSure: (s: Scored) => boolean = () => true,
): Scored[] | undefined {
  const rankedOf = new Map(question.ranked.map((s) => [s.doc, s]));
  for (const f of families) {
    if (!close.some((s) => f.members.includes(s.doc))) continue;
    if (!f.umbrella.every((w) => question.normalized.includes(w))) continue;
    const scoreOf = new Map(question.ranked.map((s) => [s.doc, s.score]));
    // "我爸87了，还是一级残疾，能领什么补贴": the umbrella asked, and facts that fit two members.
    const named = namedMembers(f, question.specificTerms).map((doc) => rankedOf.get(doc));
    if (named.length >= 2 && named.every((s) => s !== undefined && isSure(s))) {
      return (named as Scored[]).sort((a, b) => b.score - a.score);
    }
    if (namesOneMember(f, question)) continue;
    const members = f.members.map((doc) => ({ doc, score: scoreOf.get(doc) ?? 0 })).sort((a, b) => b.score - a.score);
    return [...close.filter((s) => !f.members.includes(s.doc)), ...members];
  }
  return undefined;
}

/**
 * For a question with no word of its own beside an umbrella ("我要办登记", "想申请补贴"): the members
 * of the first family whose umbrella it names, best first. Undefined when it names none.
 */
export function vagueFamily(
  families: readonly Family[],
  question: { normalized: string; ranked: readonly Scored[] },
): Scored[] | undefined {
  const f = families.find((x) => x.umbrella.every((w) => question.normalized.includes(w)));
  if (!f) return undefined;
  const scoreOf = new Map(question.ranked.map((s) => [s.doc, s.score]));
  return f.members.map((doc) => ({ doc, score: scoreOf.get(doc) ?? 0 })).sort((a, b) => b.score - a.score);
}
