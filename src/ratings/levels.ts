/**
 * The five levels of the national 好差评 system (GB/T 39734-2020), stored as 5 (best) … 1 (worst).
 * Numbers keep log lines and callback data short; labels are only for people.
 */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<RatingLevel, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** True for 不满意 and 非常不满意, the two levels that count as 差评 and open a case. */
export function isBadLevel(level: RatingLevel): boolean {
  return level <= 2;
}

/** True for 非常满意, 满意 and 基本满意: the numerator of the satisfaction rate. */
export function isSatisfiedLevel(level: RatingLevel): boolean {
  return level >= 3;
}

/** Type guard for a level read from callback data or a log line. */
export function isRatingLevel(value: unknown): value is RatingLevel {
  return typeof value === 'number' && (RATING_LEVELS as readonly number[]).includes(value);
}

/** The optional tick-boxes offered after a 差评 (codes go in callback data; labels are shown). */
export const BAD_REASONS = {
  unclear: '材料说明不清',
  slow: '时限太长',
  notfound: '没找到事项',
  wrong: '答复不准确',
  attitude: '服务态度',
  other: '其他',
} as const;
export type BadReason = keyof typeof BAD_REASONS;

export function isBadReason(value: string): value is BadReason {
  return Object.hasOwn(BAD_REASONS, value);
}
