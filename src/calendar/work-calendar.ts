import chineseDays from 'chinese-days';

/** A date as YYYY-MM-DD in China's time zone (Asia/Shanghai, no DST: UTC+8). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface WorkCalendar {
  /** True on a working day: Mon–Fri not a public holiday, or a 调休 Saturday/Sunday. */
  isWorkday(date: string): boolean;
  /** The date `n` working days after `date` (the day itself not counted). */
  addWorkingDays(date: string, n: number): string;
  /** `date` itself when it is a working day, else the next working day. */
  nextWorkdayOnOrAfter(date: string): string;
  /** `date` itself when it is a working day, else the last working day before it. */
  previousWorkdayOnOrBefore(date: string): string;
}

/**
 * China's official working-day calendar (public holidays and 调休 workdays from `chinese-days`).
 * `overrides` (date → is it a working day) lets ops add a year the package does not know yet.
 */
export function createWorkCalendar(overrides: Readonly<Record<string, boolean>> = {}): WorkCalendar {
  const isWorkday = (date: string): boolean => overrides[date] ?? chineseDays.isWorkday(date);
  const seek = (date: string, step: 1 | -1): string => {
    let d = date;
    // A holiday stretch is never longer than a few weeks; the bound stops a bad override looping forever.
    for (let i = 0; i < 60 && !isWorkday(d); i++) d = shiftDate(d, step);
    return d;
  };
  return {
    isWorkday,
    addWorkingDays(date, n) {
      let d = date;
      for (let left = n; left > 0; ) {
        d = shiftDate(d, 1);
        if (isWorkday(d)) left--;
      }
      return d;
    },
    nextWorkdayOnOrAfter: (date) => seek(date, 1),
    previousWorkdayOnOrBefore: (date) => seek(date, -1),
  };
}

export { shiftDate };
