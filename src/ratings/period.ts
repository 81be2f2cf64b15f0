import { chinaDate, shiftDate } from '../calendar/work-calendar.js';
import { isCalendarDate, quoteInput } from '../calendar/calendar-date.js';
import { ValidationError } from '../errors.js';

/** An inclusive range of China dates, YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const MONTH = /^\d{4}-\d{2}$/;

/** Epoch ms of 00:00 China time on `date`. */
export function startOfChinaDay(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** The period as epoch ms, [start, end): compute once, then compare numbers in hot loops. */
export function periodBounds(period: Period): { start: number; end: number } {
  return { start: startOfChinaDay(period.from), end: startOfChinaDay(shiftDate(period.to, 1)) };
}

/** True when the epoch-ms instant falls inside the period (China dates). */
export function inPeriod(at: number, period: Period): boolean {
  const { start, end } = periodBounds(period);
  return at >= start && at < end;
}

/** The YYYY-MM partitions a period touches, first and last. */
export function periodMonths(period: Period): { from: string; to: string } {
  return { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const validDate = isCalendarDate;

/**
 * Reads a period as managers type it: empty or 本月/month, 今天/today, 本周/week, 上月/last-month,
 * 今年/year, 全部/all, 7d / 30d, 2026-09, 2026-09-01..2026-09-30 (also ~ or 至).
 * @throws ValidationError with the accepted forms when the text is none of these.
 */
export function parsePeriod(text: string, now: Date): Period {
  const today = chinaDate(now);
  const t = text.trim().toLowerCase();
  const month = today.slice(0, 7);
  if (t === '' || t === 'month' || t === '本月') return { from: `${month}-01`, to: today };
  if (t === 'today' || t === '今天') return { from: today, to: today };
  if (t === 'week' || t === '本周') {
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    return { from: shiftDate(today, -weekday), to: today };
  }
  if (t === 'last-month' || t === '上月') {
    const prev = shiftDate(`${month}-01`, -1).slice(0, 7);
    return { from: `${prev}-01`, to: lastDayOfMonth(prev) };
  }
  if (t === 'year' || t === '今年') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (t === 'all' || t === '全部') return { from: '2000-01-01', to: today };
  const days = /^(\d{1,3})d$/.exec(t);
  if (days) return { from: shiftDate(today, -(Number(days[1]) - 1)), to: today };
  if (MONTH.test(t) && validDate(`${t}-01`)) return { from: `${t}-01`, to: lastDayOfMonth(t) };
  const range = /^(\S+?)\s*(?:\.\.|~|至)\s*(\S+)$/.exec(t);
  const from = range ? (range[1] ?? '') : t;
  const to = range ? (range[2] ?? '') : t;
  if (validDate(from) && validDate(to)) {
    if (from <= to) return { from, to };
    throw new ValidationError(`时间范围“${text}”的开始日期晚于结束日期，请对调一下，例如 ${to}..${from}。`);
  }
  throw new ValidationError(
    `没看懂时间范围“${text}”。可以写：本月、上月、本周、今天、今年、全部、7d、2026-09 或 2026-09-01..2026-09-30`,
  );
}

/**
 * The period of `npm run report -- --from D --to D` or `--period P`: each date checked on its own,
 * so a manager learns which flag is wrong and why (not a date, or a reversed range).
 * @throws ValidationError naming the flag.
 */
export function periodFromFlags(flags: { from?: string; to?: string; period?: string }, now: Date): Period {
  const { from, to, period } = flags;
  if (from === undefined && to === undefined) return parsePeriod(period ?? '', now);
  if (period !== undefined) throw new ValidationError('--period 和 --from/--to 只能用一种。');
  for (const [flag, value] of [['--from', from], ['--to', to]] as const) {
    if (value !== undefined && !validDate(value)) {
      throw new ValidationError(
        `${flag} 须为日期 YYYY-MM-DD（例如 2026-09-01），收到的是“${quoteInput(value)}”。` +
          '想看最近几天，可以用 --period 今天、--period 7d 或 --period 本月。',
      );
    }
  }
  const today = chinaDate(now);
  const start = from ?? '2000-01-01';
  const end = to ?? today;
  if (start > end) {
    const endName = to === undefined ? `今天（${today}）` : `--to ${end}`;
    throw new ValidationError(`开始日期 --from ${start} 晚于结束日期 ${endName}，请检查是否写反了。`);
  }
  return { from: start, to: end };
}
