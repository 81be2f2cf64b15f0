import type { WorkCalendar } from '../calendar/work-calendar.js';
import { chinaDate } from '../calendar/work-calendar.js';
import { CaseError } from '../errors.js';
import type { JsonFileStore } from '../store/json-file.js';
import {
  addCaseReason, advanceCaseStatus, applyRatingChange, caseOutOfStep, complaintCaseFields, isCaseOverdue, newCase,
  openCasesOldestFirst, rerateCaseBy, takeCaseBy, type NewCaseFields,
} from './case-ops.js';
import type { CasesFile } from './case-store.js';
import type { RatingLevel } from './levels.js';
import type { RatingService } from './service.js';
import type { RatingCase } from './types.js';

type CaseMethods = Pick<
  RatingService,
  'addReason' | 'openComplaint' | 'getCase' | 'openCases' | 'isOverdue' | 'takeCase' | 'advanceCase' | 'rerateCase'
>;

export interface CaseDesk extends CaseMethods {
  readonly all: readonly RatingCase[];
  /** Opens a case due N working days from today (China's calendar). */
  open(fields: NewCaseFields): Promise<RatingCase>;
  /** True when the answer's case does not match its rating (a 差评 without an open case, or the reverse). */
  caseOutOfStep(answerId: string, level: RatingLevel): boolean;
  /**
   * Follows a change of an answer's rating within the window: bad → good withdraws its case,
   * good → bad reopens a withdrawn one; returns which happened.
   */
  ratingChanged(answerId: string, level: RatingLevel): Promise<{ reopened?: RatingCase; withdrawn?: RatingCase; existing?: RatingCase }>;
}

/** The case side of the rating service, over cases.json; the rules are case-ops' (shared with PostgreSQL). */
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
          created = { ...newCase(fields, at, dueDate), id: d.nextId++ };
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
    caseOutOfStep: (answerId, level) => caseOutOfStep(cases.data.cases.find((x) => x.answerId === answerId), level),
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
    // Each rule validates before it changes anything, so a refused change never reaches the file.
    async addReason(caseId, userId, reason) {
      const c = find(caseId);
      await cases.update(() => addCaseReason(c, userId, reason, now()));
      return c;
    },
    openComplaint: (input) => desk.open(complaintCaseFields(input)),
    getCase: (id) => cases.data.cases.find((c) => c.id === id),
    openCases: () => openCasesOldestFirst(cases.data.cases),
    isOverdue: (c) => isCaseOverdue(c, chinaDate(deps.clock())),
    async takeCase(id, by) {
      const c = find(id);
      await cases.update(() => takeCaseBy(c, by, now()));
      return c;
    },
    async advanceCase(id, step, by, note) {
      const c = find(id);
      await cases.update(() => advanceCaseStatus(c, step, by, note, now()));
      return c;
    },
    async rerateCase(id, userId, level) {
      const c = find(id);
      await cases.update(() => rerateCaseBy(c, userId, level, now()));
      return c;
    },
  };
  return desk;
}
