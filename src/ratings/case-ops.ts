import { CaseError } from '../errors.js';
import { maskPersonalData } from '../privacy/mask.js';
import { channelOfChat } from './channel.js';
import { isBadLevel, type BadReason, type RatingLevel } from './levels.js';
import type { CaseStatus, RatingCase } from './types.js';

/** What whoever opens a case decides; the rest (id, dates, status, history, channel) follows. */
export type NewCaseFields = Omit<RatingCase, 'id' | 'openedAt' | 'dueDate' | 'status' | 'events' | 'channel'>;

/** A new case as stored (all but its id, which the store assigns): open, due on `dueDate`, with its channel. */
export function newCase(fields: NewCaseFields, at: number, dueDate: string): Omit<RatingCase, 'id'> {
  return { ...fields, channel: channelOfChat(fields.chatId), openedAt: at, dueDate, status: 'open', events: [{ at, by: 0, action: 'opened' }] };
}

/** The case a complaint (投诉/举报) opens; its text is masked. */
export function complaintCaseFields(input: { chatId: number; userId: number; text: string; intent?: string | null }): NewCaseFields {
  return { source: 'complaint', chatId: input.chatId, userId: input.userId, intent: input.intent ?? 'complaint', question: maskPersonalData(input.text.trim()), reasons: [] };
}

/**
 * Adds the 差评 reason to `c` in place (tick-boxes once each, free text masked).
 * @throws CaseError, before changing anything, when it is not the person's case or a reason is already there.
 */
export function addCaseReason(c: RatingCase, userId: number, reason: { tags: BadReason[]; text?: string }, at: number): void {
  if (c.userId !== userId) throw new CaseError('只有评价人本人可以补充原因。');
  if (c.reasons.length > 0 || c.reasonText !== undefined) throw new CaseError('原因已经收到了，谢谢。');
  const text = reason.text?.trim() ? maskPersonalData(reason.text.trim()) : undefined;
  c.reasons = [...new Set(reason.tags)];
  if (text !== undefined) c.reasonText = text;
  c.events.push({ at, by: userId, action: 'reason' });
}

/**
 * A manager takes `c` in place.
 * @throws CaseError, before changing anything, when it is closed.
 */
export function takeCaseBy(c: RatingCase, by: { id: number; name: string }, at: number): void {
  if (c.status === 'closed') throw new CaseError(`案件 #${c.id} 已办结。`);
  c.assignee = { id: by.id, name: by.name };
  c.events.push({ at, by: by.id, byName: by.name, action: 'taken' });
}

/**
 * The person's rating after the follow-up, on `c` in place.
 * @throws CaseError, before changing anything, when it is not their case or nobody has called back yet.
 */
export function rerateCaseBy(c: RatingCase, userId: number, level: RatingLevel, at: number): void {
  if (c.userId !== userId) throw new CaseError('只有当事人本人可以再次评价。');
  if (c.status === 'open') throw new CaseError('工作人员回访后才能再次评价。');
  c.rerating = { level, at };
  c.events.push({ at, by: userId, action: 'rerated', note: String(level) });
}

/** Cases not yet closed, oldest first. */
export function openCasesOldestFirst(cases: Iterable<RatingCase>): RatingCase[] {
  return [...cases].filter((c) => c.status !== 'closed').sort((a, b) => a.openedAt - b.openedAt);
}

/** True when the answer's case does not match its rating (a 差评 without an open case, or the reverse). */
export function caseOutOfStep(c: RatingCase | undefined, level: RatingLevel): boolean {
  if (!c) return isBadLevel(level);
  return c.level !== level || (isBadLevel(level) ? c.withdrawn === true : c.withdrawn !== true);
}

export type CaseStep = 'contacted' | 'rectified' | 'closed';

/** The status a step needs before it: 回访 after opening, 整改 after 回访, closing after 整改. */
const BEFORE: Readonly<Record<CaseStep, CaseStatus>> = { contacted: 'open', rectified: 'contacted', closed: 'rectified' };

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: '待回访',
  contacted: '已回访',
  rectified: '已整改',
  closed: '已办结',
};

const STEP_LABELS: Readonly<Record<CaseStep, string>> = { contacted: '回访', rectified: '整改', closed: '办结' };

/**
 * Applies one step of the follow-up to `c` in place, with a masked note in the case history.
 * @throws CaseError when the case is not at the step before (e.g. 整改 before 回访) or the note is empty.
 */
export function advanceCaseStatus(
  c: RatingCase,
  step: CaseStep,
  by: { id: number; name: string },
  note: string,
  at: number,
): void {
  const text = note.trim();
  if (text === '') throw new CaseError(`请写一句${STEP_LABELS[step]}情况，方便日后核查。`);
  if (c.status !== BEFORE[step]) {
    throw new CaseError(
      `案件 #${c.id} 目前是“${STATUS_LABELS[c.status]}”，不能直接${STEP_LABELS[step]}（顺序：回访 → 整改 → 办结）。`,
    );
  }
  c.status = step;
  c.events.push({ at, by: by.id, byName: by.name, action: step, note: maskPersonalData(text) });
}

/** True when the case is not closed and today (China date) is after its due date. */
export function isCaseOverdue(c: RatingCase, today: string): boolean {
  return c.status !== 'closed' && today > c.dueDate;
}

/**
 * A changed rating's effect on its case, in place (one rule for every store): a 差评 turned good within
 * the change window withdraws and closes the case; turned bad again, it reopens it.
 */
export function applyRatingChange(c: RatingCase, level: RatingLevel, at: number): { reopen: boolean; withdraw: boolean } {
  const bad = isBadLevel(level);
  const reopen = bad && c.withdrawn === true;
  const withdraw = !bad && c.withdrawn !== true;
  c.level = level;
  if (withdraw) {
    c.withdrawn = true;
    c.status = 'closed';
    c.events.push({ at, by: 0, action: 'closed', note: '评价人在可修改时间内改为满意类评价，自动撤销' });
  } else if (reopen) {
    delete c.withdrawn;
    c.status = 'open';
    c.events.push({ at, by: 0, action: 'opened', note: '评价人又改回差评' });
  }
  return { reopen, withdraw };
}
