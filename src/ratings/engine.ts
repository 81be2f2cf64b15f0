import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { chinaDate } from '../calendar/work-calendar.js';
import { CaseError } from '../errors.js';
import { maskPersonalData } from '../privacy/mask.js';
import { advanceCaseStatus, isCaseOverdue } from './case-ops.js';
import { openCaseStore } from './case-store.js';
import { answerCodec, answerVolumeCodec, ratingCodec } from './codecs.js';
import { exportCsv } from './export-csv.js';
import { openLineLog } from './line-log.js';
import { latestRatings } from './latest-ratings.js';
import { isBadLevel } from './levels.js';
import { periodMonths } from './period.js';
import type { RatingService, RatingServiceDeps } from './service.js';
import { computeStats } from './stats.js';
import { createRatingIndex } from './rating-index.js';
import type { AnswerRecord, RatingCase } from './types.js';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 8 base-36 digits of milliseconds plus 3 random ones: 11 bytes, sortable, and dates itself. */
function newAnswerId(at: number): string {
  let rand = '';
  for (let i = 0; i < 3; i++) rand += ID_ALPHABET[randomInt(36)];
  return at.toString(36) + rand;
}

/** The time encoded in an answer id, or undefined for ids this code never issued. */
export function answerIdTime(id: string): number | undefined {
  if (!/^[0-9a-z]{9,12}$/.test(id)) return undefined;
  const at = Number.parseInt(id.slice(0, -3), 36);
  return Number.isSafeInteger(at) ? at : undefined;
}

/** Builds the RatingService over the monthly JSONL logs and cases.json in `deps.dataDir`. */
export async function openRatingEngine(deps: RatingServiceDeps): Promise<RatingService> {
  const windowMs = deps.changeWindowMinutes * 60_000;
  const openMs = (deps.answerOpenHours ?? 72) * 3_600_000;
  const answers = await openLineLog(join(deps.dataDir, 'answers'), answerCodec);
  const ratings = await openLineLog(join(deps.dataDir, 'ratings'), ratingCodec);
  // A second, read-only view of the answers that skips decoding questions: the report only counts them.
  const answerVolume = await openLineLog(join(deps.dataDir, 'answers'), answerVolumeCodec);
  const cases = await openCaseStore(deps.dataDir);
  const now = (): number => deps.clock().getTime();
  const index = createRatingIndex({ answers, ratings, openMs, windowMs, now });
  await index.load();
  if (answers.skippedLines + ratings.skippedLines > 0) {
    deps.logger.warn({ answers: answers.skippedLines, ratings: ratings.skippedLines }, 'rating log: skipped torn lines');
  }

  const findCase = (id: number): RatingCase => {
    const c = cases.data.cases.find((x) => x.id === id);
    if (!c) throw new CaseError(`没有找到案件 #${id}。`);
    return c;
  };
  const openCase = async (fields: Omit<RatingCase, 'id' | 'openedAt' | 'dueDate' | 'status' | 'events'>) => {
    const at = now();
    let created: RatingCase | undefined;
    await cases.update((d) => {
      created = {
        ...fields,
        id: d.nextId++,
        openedAt: at,
        dueDate: deps.calendar.addWorkingDays(chinaDate(new Date(at)), deps.caseDueWorkingDays),
        status: 'open',
        events: [{ at, by: 0, action: 'opened' }],
      };
      d.cases.push(created);
    });
    return created as RatingCase;
  };
  const isOverdue = (c: RatingCase): boolean => isCaseOverdue(c, chinaDate(deps.clock()));

  const service: RatingService = {
    async recordAnswer(input) {
      const at = now();
      let id = newAnswerId(at);
      while (index.answer(id)) id = newAnswerId(at);
      const record: AnswerRecord = { id, at, ...input, question: maskPersonalData(input.question) };
      await answers.append(record);
      index.addAnswer(record);
      return { id };
    },

    rate: (input) =>
      index.withAnswerLock(input.answerId, async () => {
        const answer = index.answer(input.answerId);
        const at = now();
        if (!answer) {
          const issued = answerIdTime(input.answerId);
          const old = issued !== undefined && issued <= at && at - issued > openMs;
          return { ok: false, reason: old ? 'expired' : 'unknown' } as const;
        }
        if (answer.userId !== input.userId) return { ok: false, reason: 'not-yours' } as const;
        const prev = index.rating(answer.id);
        if (!prev && at - answer.at > openMs) return { ok: false, reason: 'expired' } as const;
        if (prev && at - prev.firstAt > windowMs) return { ok: false, reason: 'locked' } as const;
        if (prev?.level === input.level) return { ok: true, change: 'same', level: input.level, answer } as const;
        const record = {
          answerId: answer.id, at, firstAt: prev?.firstAt ?? at, level: input.level,
          userId: answer.userId, chatId: answer.chatId, intent: answer.intent, kind: answer.kind,
        };
        await ratings.append(record);
        index.setRating(record);
        const bad = isBadLevel(input.level);
        const existing = cases.data.cases.find((c) => c.answerId === answer.id);
        if (bad && !existing) {
          const opened = await openCase({
            source: 'rating', chatId: answer.chatId, userId: answer.userId, answerId: answer.id,
            level: input.level, intent: answer.intent, question: answer.question, reasons: [],
          });
          return { ok: true, change: prev ? 'changed' : 'new', level: input.level, answer, opened };
        }
        if (existing) {
          const reopened = bad && existing.withdrawn === true;
          const withdrawn = !bad && existing.withdrawn !== true;
          await cases.update(() => {
            existing.level = input.level;
            if (withdrawn) {
              existing.withdrawn = true;
              existing.status = 'closed';
              existing.events.push({ at, by: 0, action: 'closed', note: '评价人在可修改时间内改为满意类评价，自动撤销' });
            } else if (reopened) {
              existing.withdrawn = undefined;
              existing.status = 'open';
              existing.events.push({ at, by: 0, action: 'opened', note: '评价人又改回差评' });
            }
          });
          return {
            ok: true, change: 'changed', level: input.level, answer,
            ...(reopened ? { opened: existing } : {}), ...(withdrawn ? { withdrawn: existing } : {}),
          };
        }
        return { ok: true, change: prev ? 'changed' : 'new', level: input.level, answer };
      }),

    async addReason(caseId, userId, reason) {
      const c = findCase(caseId);
      if (c.userId !== userId) throw new CaseError('只有评价人本人可以补充原因。');
      if (c.reasons.length > 0 || c.reasonText !== undefined) throw new CaseError('原因已经收到了，谢谢。');
      const text = reason.text?.trim() ? maskPersonalData(reason.text.trim()) : undefined;
      await cases.update(() => {
        c.reasons = [...new Set(reason.tags)];
        if (text !== undefined) c.reasonText = text;
        c.events.push({ at: now(), by: userId, action: 'reason' });
      });
      return c;
    },

    openComplaint: (input) =>
      openCase({
        source: 'complaint', chatId: input.chatId, userId: input.userId, intent: input.intent ?? 'complaint',
        question: maskPersonalData(input.text.trim()), reasons: [],
      }),

    getCase: (id) => cases.data.cases.find((c) => c.id === id),
    openCases: () => cases.data.cases.filter((c) => c.status !== 'closed').sort((a, b) => a.openedAt - b.openedAt),
    isOverdue,

    async takeCase(id, by) {
      const c = findCase(id);
      if (c.status === 'closed') throw new CaseError(`案件 #${id} 已办结。`);
      await cases.update(() => {
        c.assignee = { id: by.id, name: by.name };
        c.events.push({ at: now(), by: by.id, byName: by.name, action: 'taken' });
      });
      return c;
    },

    async advanceCase(id, step, by, note) {
      const c = findCase(id);
      // Validate on a copy first so a refused step never reaches the file half-applied.
      advanceCaseStatus(structuredClone(c), step, by, note, now());
      await cases.update(() => advanceCaseStatus(c, step, by, note, now()));
      return c;
    },

    async rerateCase(id, userId, level) {
      const c = findCase(id);
      if (c.userId !== userId) throw new CaseError('只有当事人本人可以再次评价。');
      if (c.status === 'open') throw new CaseError('工作人员回访后才能再次评价。');
      await cases.update(() => {
        c.rerating = { level, at: now() };
        c.events.push({ at: now(), by: userId, action: 'rerated', note: String(level) });
      });
      return c;
    },

    stats: (period) =>
      computeStats({
        period, now: deps.clock(), cases: cases.data.cases, isOverdue,
        ratings: latestRatings(ratings.read(periodMonths(period)), windowMs),
        answers: answerVolume.read(periodMonths(period)),
      }),

    exportCsv: (period) =>
      exportCsv({
        period, cases: cases.data.cases, isOverdue,
        ratings: latestRatings(ratings.read(periodMonths(period)), windowMs),
      }),

    async close() {
      await answers.close();
      await ratings.close();
    },
  };
  return service;
}
