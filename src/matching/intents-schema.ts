import { z } from 'zod';

const Words = z.array(z.string().min(1));
const AspectName = z.enum(['materials', 'time', 'fee', 'where', 'online', 'steps', 'conditions', 'basis', 'faq']);

export const SystemIntentsFileSchema = z
  .object({
    intents: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z]+(?:-[a-z]+)*$/, '系统意图 id 须为小写短横线形式，如 "human-handoff"'),
            examples: Words.min(1, '至少写一个例句'),
            keywords: Words.default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const OutOfScopeFileSchema = z
  .object({
    topics: z.array(z.object({ topic: z.string().min(1), keywords: Words.min(1) }).strict()),
  })
  .strict();

/** 民政 business the catalog holds no guide for: answered as a gap, recorded for the managers. */
export const GapsFileSchema = z
  .object({
    topics: z.array(z.object({ topic: z.string().min(1), keywords: Words.min(1) }).strict()),
  })
  .strict();

export const DictionaryFileSchema = z
  .object({
    /**
     * Words that never anchor an item on their own (申请, 补贴, 服务, 生活 …): they count towards a
     * score, but an item is claimed only with a word that is its own.
     */
    generic: Words.default([]),
    synonyms: z.record(z.string().min(1), Words).default({}),
    typos: z.record(z.string().min(1), Words).default({}),
    stopwords: Words.default([]),
    aspects: z.partialRecord(AspectName, Words).default({}),
    kinds: z.record(z.string().min(1), Words).default({}),
    actions: z.record(z.string().min(1), Words).default({}),
    /**
     * Words that narrow an item to one kind of organisation (基金会, 慈善组织): an item whose name has
     * one does not compete with the general item unless the question says it ("年报" is 社会组织年检).
     */
    qualifiers: Words.default([]),
    /** Other ways of saying a qualifier ("外国人" says 涉外): with one, the general item gives way too. */
    qualifierCues: z.record(z.string().min(1), Words).default({}),
    /**
     * Items that are never claimed unless the question says one of these words (after rewriting): the
     * concept the item is about ("婚" for 婚姻登记预约), so a shared everyday word ("名额", "预约")
     * cannot anchor it alone.
     */
    requires: z
      .record(z.string().regex(/^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/, '写事项 id，如 "marriage.appointment"'), Words)
      .default({}),
    /**
     * A second word group the question must also say for the item to be claimed: what the item does
     * besides its concept (补领 needs a loss or damage beside 婚: "结婚证在哪办" is 结婚登记).
     */
    alsoRequires: z
      .record(z.string().regex(/^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/, '写事项 id，如 "marriage.reissue-certificate"'), Words)
      .default({}),
    families: z
      .record(
        z.string().regex(/\S/, '写出伞形词，几个词用空格分开'),
        z.array(z.string().regex(/^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/, '写事项 id，如 "assistance.dibao"')).min(2, '一个族至少两项'),
      )
      .default({}),
    patterns: z
      .array(
        z
          .object({
            regex: z.string().refine((r) => {
              try {
                new RegExp(r, 'u');
                return true;
              } catch {
                return false;
              }
            }, '不是合法的正则表达式'),
            add: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type SystemIntent = z.infer<typeof SystemIntentsFileSchema>['intents'][number];
export type OutOfScopeTopic = z.infer<typeof OutOfScopeFileSchema>['topics'][number];
export type Dictionary = z.infer<typeof DictionaryFileSchema>;
export type GapTopic = z.infer<typeof GapsFileSchema>['topics'][number];

/** Everything the matcher reads from intents/: system intents, the dictionary, declined topics. */
export interface IntentsData {
  system: readonly SystemIntent[];
  dictionary: Dictionary;
  outOfScope: readonly OutOfScopeTopic[];
  /** 民政 topics without a guide (intents/gaps.yaml); absent in older callers' hand-built data. */
  gaps?: readonly GapTopic[];
}
