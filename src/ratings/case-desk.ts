import type { WorkCalendar } from '../calendar/work-calendar.js';
import { chinaDate } from '../calendar/work-calendar.js';
import { CaseError } from '../errors.js';
import { maskPersonalData } from '../privacy/mask.js';
import type { JsonFileStore } from '../store/json-file.js';
import { advanceCaseStatus, applyRatingChange, isCaseOverdue } from './case-ops.js';
import { channelOfChat } from './channel.js';
import type { CasesFile } from './case-store.js';
import { isBadLevel, type RatingLevel } from './levels.js';
import type { RatingService } from './service.js';
import type { RatingCase } from './types.js';

type CaseMethods = Pick<
  RatingService,
  'addReason' | 'openComplaint' | 'getCase' | 'openCases' | 'isOverdue' | 'takeCase' | 'advanceCase' | 'rerateCase'
>;

export interface CaseDesk extends CaseMethods {
  readonly all: readonly RatingCase[];
  /** Opens a case due N working days from today (China's calendar). */
  open(fields: Omit<RatingCase, 'id' | 'openedAt' | 'dueDate' | 'status' | 'events'>): Promise<RatingCase>;
  /**
   * Follows a change of an answer's rating within the window: bad → good withdraws its case,
   * good → bad reopens a withdrawn one; returns which happened.
   */
  /** True when the answer's case does not match its rating (a 差评 without an open case, or the reverse). */
  caseOutOfStep(answerId: string, level: RatingLevel): boolean;
  ratingChanged(answerId: string, level: RatingLevel): Promise<{ reopened?: RatingCase; withdrawn?: RatingCase; existing?: RatingCase }>;
}

/** The case side of the rating service, over cases.json. */
export function createCaseDesk(deps: {
  cases: JsonFileStore<CasesFile>;
  calendar: WorkCalendar;
  clock: () => Date;
  dueWorkingDays: number;
}): CaseDesk {
  const { cases } = deps;
  const now = (): number => deps.clock().getTime();
  const find = (id: number): RatingCase => {
    const c = cases.data.cases.find((x) => x.id === id);
    if (!c) throw new CaseError(`没有找到案件 #${id}。`);
    return c;
  };
  const desk: CaseDesk = {
    get all() {
      return cases.data.cases;
    },
    async open(fields) {
      const at = now();
      const dueDate = deps.calendar.addWorkingDays(chinaDate(new Date(at)), deps.dueWorkingDays);
      let created: RatingCase | undefined;
      try {
        await cases.update((d) => {
          created = { ...fields, channel: channelOfChat(fields.chatId), id: d.nextId++, openedAt: at, dueDate, status: 'open', events: [{ at, by: 0, action: 'opened' }] };
          d.cases.push(created);
        });
      } catch (error) {
        // Not on disk, so not in memory either: the next press (or the next start) opens it again.
        const d = cases.data;
        if (created) {
          d.cases = d.cases.filter((c) => c !== created);
          if (d.nextId === created.id + 1) d.nextId = created.id;
        }
        throw error;
      }
      return created as RatingCase;
    },
    caseOutOfStep(answerId, level) {
      const c = cases.data.cases.find((x) => x.answerId === answerId);
      if (!c) return isBadLevel(level);
      return c.level !== level || (isBadLevel(level) ? c.withdrawn === true : c.withdrawn !== true);
    },
    async ratingChanged(answerId, level) {
      const existing = cases.data.cases.find((c) => c.answerId === answerId);
      if (!existing) return {};
      const at = now();
      const before = structuredClone(existing);
      let effect = { reopen: false, withdraw: false };
      await cases.update(() => {
        effect = applyRatingChange(existing, level, at);
      }).catch((error: unknown) => {
        // Keep memory as the disk has it, so the change is found out of step and made again.
        for (const key of Object.keys(existing)) if (!(key in before)) delete (existing as unknown as Record<string, unknown>)[key];
        Object.assign(existing, before);
        throw error;
      });
      return { existing, ...(effect.reopen ? { reopened: existing } : {}), ...(effect.withdraw ? { withdrawn: existing } : {}) };
    },
    async addReason(caseId, userId, reason) {
      const c = find(caseId);
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
      desk.open({
        source: 'complaint', chatId: input.chatId, userId: input.userId, intent: input.intent ?? 'complaint',
        question: maskPersonalData(input.text.trim()), reasons: [],
      }),
    getCase: (id) => cases.data.cases.find((c) => c.id === id),
    openCases: () => cases.data.cases.filter((c) => c.status !== 'closed').sort((a, b) => a.openedAt - b.openedAt),
    isOverdue: (c) => isCaseOverdue(c, chinaDate(deps.clock())),
    async takeCase(id, by) {
      const c = find(id);
      if (c.status === 'closed') throw new CaseError(`案件 #${id} 已办结。`);
      await cases.update(() => {
        c.assignee = { id: by.id, name: by.name };
        c.events.push({ at: now(), by: by.id, byName: by.name, action: 'taken' });
      });
      return c;
    },
    async advanceCase(id, step, by, note) {
      const c = find(id);
      // Validate on a copy first so a refused step never reaches the file half-applied.
      advanceCaseStatus(structuredClone(c), step, by, note, now());
      await cases.update(() => advanceCaseStatus(c, step, by, note, now()));
      return c;
    },
    async rerateCase(id, userId, level) {
      const c = find(id);
      if (c.userId !== userId) throw new CaseError('只有当事人本人可以再次评价。');
      if (c.status === 'open') throw new CaseError('工作人员回访后才能再次评价。');
      await cases.update(() => {
        c.rerating = { level, at: now() };
        c.events.push({ at: now(), by: userId, action: 'rerated', note: String(level) });
      });
      return c;
    },
  };
  return desk;
}
