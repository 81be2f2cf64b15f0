import type pg from 'pg';
import { chinaDate } from '../../calendar/work-calendar.js';
import { CaseError } from '../../errors.js';
import { maskPersonalData } from '../../privacy/mask.js';
import { newAnswerId } from '../../ratings/answer-id.js';
import {
  addCaseReason, advanceCaseStatus, applyRatingChange, complaintCaseFields, isCaseOverdue, newCase, openCasesOldestFirst,
  rerateCaseBy, takeCaseBy, type NewCaseFields,
} from '../../ratings/case-ops.js';
import { exportCsv } from '../../ratings/export-csv.js';
import type { RatingLevel } from '../../ratings/levels.js';
import { periodBounds } from '../../ratings/period.js';
import { caseOutcome, judgePress, ratingCaseFields } from '../../ratings/press-rules.js';
import type { RateOutcome, RatingService, RatingServiceDeps } from '../../ratings/service.js';
import { computeStats } from '../../ratings/stats.js';
import type { AnswerRecord, RatingCase, RatingRecord } from '../../ratings/types.js';
import type { SharedState } from '../shared-state.js';
import { createCaseMirror, rowToCase } from './case-mirror.js';
import type { ChangeFeed } from './change-feed.js';
import { inTransaction } from './pool.js';
import { createWriteBatch, type WriteBatch } from './write-batch.js';
import { ratingTally, volume, ratingPages } from './rating-queries.js';

export type PgRatingServiceDeps = Omit<RatingServiceDeps, 'dataDir'> & {
  pool: pg.Pool;
  changes?: ChangeFeed;
  /** Answer records ride in the update's commit; without one the service commits its own. */
  batch?: WriteBatch;
};

interface AnswerRow { id: string; at: number; chat_id: number; user_id: number; intent: string | null; kind: AnswerRecord['kind']; question: string }
interface RatingRow { level: RatingLevel; first_at: number }

const toAnswer = (r: AnswerRow): AnswerRecord => ({
  id: r.id, at: r.at, chatId: r.chat_id, userId: r.user_id, intent: r.intent, kind: r.kind, question: r.question,
});

/**
 * The RatingService over PostgreSQL. The rules are the file store's (press-rules, case-ops); only
 * storage differs. What the database
 * guarantees: a press is serialised per answer (advisory lock), one rating row per answer and person,
 * one case per answer; an acknowledged rating or case step is committed.
 */
export async function createPgRatingService(deps: PgRatingServiceDeps): Promise<RatingService & SharedState> {
  const { pool } = deps;
  const windowMs = deps.changeWindowMinutes * 60_000;
  const openMs = (deps.answerOpenHours ?? 72) * 3_600_000;
  const now = (): number => deps.clock().getTime();
  const mirror = createCaseMirror(pool, deps.changes?.watch('cases'));
  await mirror.refresh();

  const dueDate = (at: number): string => deps.calendar.addWorkingDays(chinaDate(new Date(at)), deps.caseDueWorkingDays);
  const saveCase = async (client: pg.PoolClient, c: RatingCase): Promise<void> => {
    const { id, ...doc } = c;
    await client.query('UPDATE cases SET doc = $2, status = $3, updated_at = clock_timestamp() WHERE id = $1', [id, JSON.stringify(doc), c.status]);
  };
  const insertCase = async (client: pg.PoolClient | pg.Pool, fields: NewCaseFields): Promise<RatingCase | undefined> => {
    const at = now();
    const doc = newCase(fields, at, dueDate(at));
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO cases (source, answer_id, opened_at, status, doc) VALUES ($1, $2, $3, 'open', $4)
       ON CONFLICT (answer_id) DO NOTHING RETURNING id`,
      [doc.source, doc.answerId ?? null, at, JSON.stringify(doc)],
    );
    const id = rows[0]?.id;
    return id === undefined ? undefined : { ...doc, id };
  };
  /** Changes one case under its row lock; `change` (a case-ops rule) may throw CaseError and nothing is written. */
  const mutateCase = async (id: number, change: (c: RatingCase) => void): Promise<RatingCase> => {
    const c = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: number; doc: Omit<RatingCase, 'id'> }>('SELECT id, doc FROM cases WHERE id = $1 FOR UPDATE', [id]);
      const row = rows[0];
      if (!row) throw new CaseError(`没有找到案件 #${id}。`);
      const current = rowToCase(row);
      change(current);
      await saveCase(client, current);
      return current;
    });
    mirror.put(c);
    return c;
  };

  const batch = deps.batch ?? createWriteBatch(pool);
  const pendingAnswers = new Map<string, Promise<void>>();

  async function rate(input: Parameters<RatingService['rate']>[0]): Promise<RateOutcome> {
    const at = now();
    let touched: RatingCase | undefined;
    const outcome = await inTransaction(pool, async (client): Promise<RateOutcome> => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.answerId]);
      const answerRow = (await client.query<AnswerRow>('SELECT * FROM answers WHERE id = $1', [input.answerId])).rows[0];
      const prev = answerRow
        ? (await client.query<RatingRow>('SELECT level, first_at FROM ratings WHERE answer_id = $1 AND user_id = $2', [answerRow.id, input.userId])).rows[0]
        : undefined;
      const verdict = judgePress({ ...input, answer: answerRow && toAnswer(answerRow), previous: prev && { level: prev.level, firstAt: prev.first_at }, at, openMs, windowMs });
      if (!verdict.ok || verdict.change === 'same') return verdict.ok ? { ok: true, level: input.level, answer: verdict.answer, change: 'same' } : verdict;
      const { answer, change } = verdict;
      const base = { ok: true, level: input.level, answer, change } as const;
      await client.query(
        `INSERT INTO ratings (answer_id, user_id, level, at, first_at, chat_id, intent, kind) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET level = EXCLUDED.level, at = EXCLUDED.at, changes = ratings.changes + 1`,
        [answer.id, answer.userId, input.level, at, answer.chatId, answer.intent, answer.kind],
      );
      const existingRow = (await client.query<{ id: number; doc: Omit<RatingCase, 'id'> }>('SELECT id, doc FROM cases WHERE answer_id = $1 FOR UPDATE', [answer.id])).rows[0];
      if (existingRow) {
        const existing = rowToCase(existingRow);
        const effect = applyRatingChange(existing, input.level, at);
        await saveCase(client, existing);
        touched = existing;
        return { ...base, ...caseOutcome(existing, effect) };
      }
      const fields = ratingCaseFields(answer, input.level);
      const opened = fields && (await insertCase(client, fields));
      return { ...base, ...(opened ? { opened } : {}) };
    });
    for (const c of [touched, outcome.ok ? outcome.opened : undefined]) if (c) mirror.put(c);
    return outcome;
  }

  const service: RatingService & SharedState = {
    async recordAnswer(input) {
      const at = now();
      const question = maskPersonalData(input.question);
      const id = newAnswerId(at);
      // The card does not wait for the insert (as with the file store): it is committed with the
      // update's other writes before the update counts as handled. A press on this instance waits
      // for it below; a press elsewhere comes seconds later, long after the commit. An id clash (same
      // millisecond and the same three random digits) is refused by the key and logged.
      const written = batch.answer({ id, at, chatId: input.chatId, userId: input.userId, intent: input.intent, kind: input.kind, question });
      pendingAnswers.set(id, written);
      written.then(() => pendingAnswers.delete(id), (err: unknown) => {
        pendingAnswers.delete(id);
        deps.logger.error({ err, answerId: id }, 'answer record not written');
      });
      return { id };
    },
    async rate(input) {
      const pending = pendingAnswers.get(input.answerId);
      if (pending) await Promise.all([pending.catch(() => undefined), batch.flush()]);
      return rate(input);
    },
    addReason: (caseId, userId, reason) => mutateCase(caseId, (c) => addCaseReason(c, userId, reason, now())),
    async openComplaint(input) {
      const c = await insertCase(pool, complaintCaseFields(input));
      if (!c) throw new Error('complaint case not inserted');
      mirror.put(c);
      return c;
    },
    getCase: (id) => mirror.get(id),
    openCases: () => openCasesOldestFirst(mirror.all()),
    isOverdue: (c) => isCaseOverdue(c, chinaDate(deps.clock())),
    takeCase: (id, by) => mutateCase(id, (c) => takeCaseBy(c, by, now())),
    advanceCase: (id, step, by, note) => mutateCase(id, (c) => advanceCaseStatus(c, step, by, note, now())),
    rerateCase: (id, userId, level) => mutateCase(id, (c) => rerateCaseBy(c, userId, level, now())),
    async stats(period) {
      await mirror.refresh();
      const bounds = periodBounds(period);
      return computeStats({
        period, now: deps.clock(), cases: mirror.all(), isOverdue: service.isOverdue,
        ratings: () => ratingTally(pool, bounds), volume: () => volume(pool, bounds),
      });
    },
    async exportCsv(period) {
      await mirror.refresh();
      const cases = mirror.all().sort((a, b) => a.id - b.id);
      return exportCsv({ period, cases, isOverdue: service.isOverdue, ratings: ratingPages(pool, periodBounds(period)) });
    },
    async close() {
      // The pool belongs to the caller; only the answers still being written are waited for.
      await batch.flush();
      await Promise.allSettled(pendingAnswers.values());
    },
    beforeUpdate: () => mirror.refresh(),
    afterUpdate: () => undefined,
  };
  return service;
}

export type { RatingRecord };
