const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True when `text` is a real day written YYYY-MM-DD: 2026-02-28 yes; 2026-02-30, 2027-13-45,
 * 0000-00-00 and anything else no. Never throws (`new Date('2027-13-45')` does, on toISOString).
 */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Shortens what a person typed before it is quoted back in a message (it may be anything). */
export function quoteInput(text: string, max = 24): string {
  const chars = [...text.replace(/\p{Cc}/gu, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
