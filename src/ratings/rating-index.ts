import { chinaMonth } from './codecs.js';
import type { LineLog } from './line-log.js';
import type { AnswerRecord, RatingRecord } from './types.js';

export interface RatingIndex {
  /** Reads back the answers still open for rating, and their ratings, after a restart. */
  load(): Promise<void>;
  answer(id: string): AnswerRecord | undefined;
  addAnswer(a: AnswerRecord): void;
  rating(answerId: string): RatingRecord | undefined;
  setRating(r: RatingRecord): void;
  /** The latest rating of every answer in the window. */
  ratings(): IterableIterator<RatingRecord>;
  /** Runs `fn` after any earlier call for the same answer: a double press can never rate twice. */
  withAnswerLock<T>(answerId: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * The in-memory window over the logs: answers from the last `openMs` and their latest rating.
 * Its size depends on recent traffic only, never on how much history is stored.
 */
export function createRatingIndex(deps: {
  answers: LineLog<AnswerRecord>;
  ratings: LineLog<RatingRecord>;
  openMs: number;
  windowMs: number;
  now: () => number;
}): RatingIndex {
  const answers = new Map<string, AnswerRecord>();
  const ratings = new Map<string, RatingRecord>();
  const locks = new Map<string, Promise<unknown>>();

  const prune = (): void => {
    // Answers are inserted in time order, so expired ones are at the front.
    const cutoff = deps.now() - deps.openMs - deps.windowMs;
    for (const [id, a] of answers) {
      if (a.at >= cutoff) break;
      answers.delete(id);
      ratings.delete(id);
    }
  };

  return {
    async load() {
      const from = chinaMonth(deps.now() - deps.openMs - deps.windowMs);
      for await (const batch of deps.answers.read({ from })) for (const a of batch) answers.set(a.id, a);
      for await (const batch of deps.ratings.read({ from })) {
        for (const r of batch) if (answers.has(r.answerId)) ratings.set(r.answerId, r);
      }
      prune();
    },
    answer: (id) => answers.get(id),
    addAnswer(a) {
      answers.set(a.id, a);
      prune();
    },
    rating: (id) => ratings.get(id),
    setRating(r) {
      ratings.set(r.answerId, r);
    },
    ratings: () => ratings.values(),
    withAnswerLock(answerId, fn) {
      const prev = locks.get(answerId) ?? Promise.resolve();
      const run = prev.then(fn, fn);
      const tail = run.catch(() => undefined);
      locks.set(answerId, tail);
      void tail.then(() => {
        if (locks.get(answerId) === tail) locks.delete(answerId);
      });
      return run;
    },
  };
}
