import { CaseError } from '../errors.js';
import { maskPersonalData } from '../privacy/mask.js';
import { isBadLevel, type RatingLevel } from './levels.js';
import type { CaseStatus, RatingCase } from './types.js';

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
