import type { ServiceItem } from './schema.js';

/** An item's content is re-verified at least this often; older ones are flagged for review. */
export const REVIEW_AFTER_MONTHS = 12;

/**
 * Whether an item's `lastChecked` day is more than REVIEW_AFTER_MONTHS before `now`.
 * @param lastChecked YYYY-MM-DD as written in the catalog.
 */
export function isStale(lastChecked: string, now: Date): boolean {
  const [y, m, d] = lastChecked.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y, m - 1 + REVIEW_AFTER_MONTHS, d));
  return now.getTime() > due.getTime();
}

/** Items whose content has not been verified for REVIEW_AFTER_MONTHS months. */
export function staleItems<T extends Pick<ServiceItem, 'id' | 'lastChecked'>>(items: readonly T[], now: Date): T[] {
  return items.filter((item) => isStale(item.lastChecked, now));
}
