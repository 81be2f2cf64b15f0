import { chinaDate } from '../calendar/work-calendar.js';
import type { RatingLevel } from './levels.js';
import { inPeriod, startOfChinaDay, type Period } from './period.js';
import type { RatingTally } from './rating-tally.js';
import type { RatingCase } from './types.js';
import type { Volume } from './volume.js';

export interface ItemCount {
  intent: string | null;
  count: number;
}

/** The figures behind /stats, `npm run report` and the manager's review. */
export interface RatingStats {
  period: Period;
  /** Answers given in the period (cards, clarifications, handoffs, complaints). */
  answers: number;
  rated: number;
  byLevel: Record<RatingLevel, number>;
  /** (非常满意 + 满意 + 基本满意) / rated; null when nothing was rated. */
  satisfactionRate: number | null;
  bad: number;
  complaints: number;
  /** Whole days since the last 差评 / complaint, ever (not only in the period); null if none. */
  daysSinceLastBad: number | null;
  daysSinceLastComplaint: number | null;
  cases: {
    opened: number;
    /** Cases opened in the period that have had their 回访 (contacted or later). */
    followedUp: number;
    followUpRate: number | null;
    closed: number;
    /** Not closed now, and past the due date now (whenever opened). */
    open: number;
    overdue: number;
  };
  topByVolume: ItemCount[];
  topByBad: ItemCount[];
}

export interface StatsInput {
  period: Period;
  now: Date;
  /** Final ratings of the period, counted (see tallyRatings). */
  ratings: () => Promise<RatingTally>;
  /** Answer counts of the period (see countVolume).*/
  volume: () => Promise<Volume>;
  cases: readonly RatingCase[];
  isOverdue: (c: RatingCase) => boolean;
  topN?: number;
}

function top(counts: Map<string | null, number>, n: number): ItemCount[] {
  return [...counts]
    .map(([intent, count]) => ({ intent, count }))
    .sort((a, b) => b.count - a.count || String(a.intent).localeCompare(String(b.intent)))
    .slice(0, n);
}

function daysBetween(at: number, now: Date): number {
  return Math.round((startOfChinaDay(chinaDate(now)) - startOfChinaDay(chinaDate(new Date(at)))) / 86_400_000);
}

/**
 * Computes the period's figures from the two counts (ratings, then answers: one after the other, so
 * their reading buffers are never held at once) and the cases. Withdrawn cases (a 差评 changed within the window) do not count.
 */
export async function computeStats(input: StatsInput): Promise<RatingStats> {
  const n = input.topN ?? 5;
  const { rated, satisfied, byLevel, badByItem } = await input.ratings();
  const { answers, byIntent: volume } = await input.volume();
  const real = input.cases.filter((c) => !isWithdrawn(c));
  const lastOf = (source: RatingCase['source']): number | null => {
    const times = real.filter((c) => c.source === source).map((c) => c.openedAt);
    return times.length === 0 ? null : daysBetween(Math.max(...times), input.now);
  };
  const inP = real.filter((c) => inPeriod(c.openedAt, input.period));
  const followedUp = inP.filter((c) => c.status !== 'open').length;
  const notClosed = input.cases.filter((c) => c.status !== 'closed');
  return {
    period: input.period,
    answers,
    rated,
    byLevel,
    satisfactionRate: rated === 0 ? null : satisfied / rated,
    bad: byLevel[1] + byLevel[2],
    complaints: inP.filter((c) => c.source === 'complaint').length,
    daysSinceLastBad: lastOf('rating'),
    daysSinceLastComplaint: lastOf('complaint'),
    cases: {
      opened: inP.length,
      followedUp,
      followUpRate: inP.length === 0 ? null : followedUp / inP.length,
      closed: inP.filter((c) => c.status === 'closed').length,
      open: notClosed.length,
      overdue: notClosed.filter(input.isOverdue).length,
    },
    topByVolume: top(volume, n),
    topByBad: top(badByItem, n),
  };
}

/** A 差评 case closed because the person changed the rating to a good one within the window. */
export function isWithdrawn(c: RatingCase): boolean {
  return c.withdrawn === true;
}
