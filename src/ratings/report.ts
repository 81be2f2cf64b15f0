import { join } from 'node:path';
import { chinaDate } from '../calendar/work-calendar.js';
import { isCaseOverdue } from './case-ops.js';
import { readCasesReadOnly } from './case-store.js';
import { LEVEL_LABELS, RATING_LEVELS } from './levels.js';
import type { Period } from './period.js';
import { tallyRatings } from './rating-tally.js';
import { computeStats, type ItemCount, type RatingStats } from './stats.js';
import { countVolume } from './volume.js';

/**
 * Computes the figures straight from the files, read-only, so `npm run report` works while the bot
 * is running. Partitions are streamed: memory does not grow with the number of ratings.
 */
export async function reportFromDisk(opts: {
  dataDir: string;
  period: Period;
  now: Date;
  changeWindowMinutes: number;
}): Promise<RatingStats> {
  const today = chinaDate(opts.now);
  return computeStats({
    period: opts.period,
    now: opts.now,
    cases: await readCasesReadOnly(opts.dataDir),
    isOverdue: (c) => isCaseOverdue(c, today),
    ratings: () => tallyRatings(join(opts.dataDir, 'ratings'), opts.period, opts.changeWindowMinutes * 60_000),
    volume: () => countVolume(join(opts.dataDir, 'answers'), opts.period),
  });
}

const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * The figures as plain text for a manager: the same wording in /stats and in the terminal.
 * `labelOf` turns an intent id into the item's name when a catalog is at hand.
 */
export function formatStats(s: RatingStats, labelOf: (intent: string | null) => string = (i) => i ?? '未识别'): string {
  const since = (days: number | null, what: string): string =>
    days === null ? `尚无${what}记录` : days === 0 ? `今天有${what}` : `距上次${what} ${days} 天`;
  const items = (list: ItemCount[]): string =>
    list.length === 0 ? '无' : list.map((x) => `${labelOf(x.intent)} ${x.count}`).join('、');
  return [
    `好差评统计（${s.period.from} 至 ${s.period.to}）`,
    `答复 ${s.answers} 次，收到评价 ${s.rated} 条`,
    RATING_LEVELS.map((l) => `${LEVEL_LABELS[l]} ${s.byLevel[l]}`).join(' · '),
    `满意率 ${pct(s.satisfactionRate)}（非常满意、满意、基本满意占全部评价）`,
    `差评 ${s.bad} 条，投诉 ${s.complaints} 件`,
    `${since(s.daysSinceLastBad, '差评')}；${since(s.daysSinceLastComplaint, '投诉')}`,
    `本期新增案件 ${s.cases.opened} 件，已回访 ${s.cases.followedUp} 件（回访率 ${pct(s.cases.followUpRate)}），已办结 ${s.cases.closed} 件`,
    `目前未办结 ${s.cases.open} 件，其中超期 ${s.cases.overdue} 件`,
    `咨询最多：${items(s.topByVolume)}`,
    `差评最多：${items(s.topByBad)}`,
  ].join('\n');
}
