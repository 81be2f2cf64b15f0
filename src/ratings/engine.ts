import { join } from 'node:path';
import { maskPersonalData } from '../privacy/mask.js';
import { createCaseDesk } from './case-desk.js';
import { openCaseStore } from './case-store.js';
import { answerCodec, ratingCodec } from './codecs.js';
import { exportCsv } from './export-csv.js';
import { latestRatings } from './latest-ratings.js';
import { newAnswerId } from './answer-id.js';
import { openLineLog } from './line-log.js';
import { caseOutcome, judgePress, ratingCaseFields } from './press-rules.js';
import { periodMonths } from './period.js';
import { createRatingIndex } from './rating-index.js';
import { tallyRatings } from './rating-tally.js';
import type { RateOutcome, RatingService, RatingServiceDeps } from './service.js';
import { computeStats } from './stats.js';
import type { RatingLevel } from './levels.js';
import type { AnswerRecord, RatingCase, RatingRecord } from './types.js';
import { countVolume } from './volume.js';

export { answerIdTime } from './answer-id.js';

/** Builds the RatingService over the monthly logs (answers/, ratings/) and cases.json in `deps.dataDir`. */
export async function openRatingEngine(deps: RatingServiceDeps): Promise<RatingService> {
  const windowMs = deps.changeWindowMinutes * 60_000;
  const openMs = (deps.answerOpenHours ?? 72) * 3_600_000;
  const answers = await openLineLog(join(deps.dataDir, 'answers'), answerCodec);
  const ratings = await openLineLog(join(deps.dataDir, 'ratings'), ratingCodec);
  const desk = createCaseDesk({
    cases: await openCaseStore(deps.dataDir), calendar: deps.calendar, clock: deps.clock, dueWorkingDays: deps.caseDueWorkingDays,
  });
  const now = (): number => deps.clock().getTime();
  const index = createRatingIndex({ answers, ratings, openMs, windowMs, now });
  await index.load();
  for (const s of [...answers.skipped, ...ratings.skipped]) {
    deps.logger.warn({ file: s.file, line: s.line }, `rating log: skipped an unreadable line at ${s.file}:${s.line}`);
  }

  const pendingAnswers = new Map<string, Promise<void>>();

  /**
   * Brings the answer's case in line with its rating: opens the missing case of a 差评, withdraws or
   * reopens one. The rating line is written first, so a crash or a failed case write in between
   * leaves a 差评 without its case; this runs again on the next press and at every start.
   */
  async function settleCase(answer: AnswerRecord, level: RatingLevel): Promise<{ opened?: RatingCase; withdrawn?: RatingCase }> {
    const followed = await desk.ratingChanged(answer.id, level);
    if (followed.existing) return caseOutcome(followed.existing, { reopen: followed.reopened !== undefined, withdraw: followed.withdrawn !== undefined });
    const fields = ratingCaseFields(answer, level);
    return fields ? { opened: await desk.open(fields) } : {};
  }

  // Repair on start: a 差评 stored just before a crash gets the case it was promised.
  for (const r of index.ratings()) {
    const answer = index.answer(r.answerId);
    if (!answer || !desk.caseOutOfStep(r.answerId, r.level)) continue;
    const fixed = await settleCase(answer, r.level);
    deps.logger.warn({ answerId: r.answerId, opened: fixed.opened?.id, withdrawn: fixed.withdrawn?.id }, 'rating case repaired after an interrupted write');
  }

  async function rate(input: Parameters<RatingService['rate']>[0]): Promise<RateOutcome> {
    const answer = index.answer(input.answerId);
    const prev = index.rating(input.answerId);
    const at = now();
    const verdict = judgePress({ ...input, answer, previous: prev, at, openMs, windowMs });
    // A retry after a crash or a failed case write: the stored rating gets its case first.
    const own = answer?.userId === input.userId ? answer : undefined;
    const repaired = own && prev && desk.caseOutOfStep(own.id, prev.level) ? await settleCase(own, prev.level) : {};
    if (!verdict.ok) return verdict;
    const base = { ok: true, level: input.level, answer: verdict.answer } as const;
    if (verdict.change === 'same') return { ...base, change: 'same', ...repaired };
    const record: RatingRecord = {
      answerId: verdict.answer.id, at, firstAt: prev?.firstAt ?? at, level: input.level,
      userId: verdict.answer.userId, chatId: verdict.answer.chatId, intent: verdict.answer.intent, kind: verdict.answer.kind,
    };
    // Acknowledged only after the line is fsync'ed (and its answer's): nothing the person was told is
    // recorded can be lost.
    await pendingAnswers.get(verdict.answer.id);
    await ratings.append(record);
    index.setRating(record);
    return { ...base, change: verdict.change, ...(await settleCase(verdict.answer, input.level)) };
  }

  return {
    async recordAnswer(input) {
      const at = now();
      let id = newAnswerId(at);
      while (index.answer(id)) id = newAnswerId(at);
      const record: AnswerRecord = { id, at, ...input, question: maskPersonalData(input.question) };
      // The card must not wait for a disk flush; a rating of this answer waits for it instead (below).
      const written = answers.append(record).finally(() => pendingAnswers.delete(id));
      written.catch((err: unknown) => deps.logger.error({ err, answerId: id }, 'answer record not written'));
      pendingAnswers.set(id, written);
      index.addAnswer(record);
      return { id };
    },
    // One press at a time per answer: a double tap can never rate twice or open two cases.
    rate: (input) => index.withAnswerLock(input.answerId, () => rate(input)),
    addReason: desk.addReason,
    openComplaint: desk.openComplaint,
    getCase: desk.getCase,
    openCases: desk.openCases,
    isOverdue: desk.isOverdue,
    takeCase: desk.takeCase,
    advanceCase: desk.advanceCase,
    rerateCase: desk.rerateCase,
    stats: (period) =>
      computeStats({
        period, now: deps.clock(), cases: desk.all, isOverdue: desk.isOverdue,
        ratings: () => tallyRatings(ratings.dir, period, windowMs),
        volume: () => countVolume(join(deps.dataDir, 'answers'), period),
      }),
    exportCsv: (period) =>
      exportCsv({ period, cases: desk.all, isOverdue: desk.isOverdue, ratings: latestRatings(ratings.read(periodMonths(period)), windowMs) }),
    async close() {
      await Promise.allSettled(pendingAnswers.values());
      await answers.close();
      await ratings.close();
    },
  };
}
