import type { Hall, Referral } from './schema.js';

/**
 * The department an out-of-scope question belongs to (公安 for 身份证, 人社 for 社保 …), found by the
 * longest referral keyword the question contains; undefined when none does.
 */
export function findReferral(hall: Hall, text: string): Referral | undefined {
  let best: { referral: Referral; length: number } | undefined;
  for (const referral of hall.referrals) {
    for (const keyword of referral.keywords) {
      if (text.includes(keyword) && keyword.length > (best?.length ?? 0)) best = { referral, length: keyword.length };
    }
  }
  return best?.referral;
}

/** The hall's referral a matcher verdict names (by topic), with its hint; undefined if the hall changed. */
export function referralOf(hall: Hall, hit: { topic: string } | undefined): Referral | undefined {
  return hit === undefined ? undefined : hall.referrals.find((r) => r.topic === hit.topic);
}
