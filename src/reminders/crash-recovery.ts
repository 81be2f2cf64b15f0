import type { Logger } from '../logger.js';
import type { SendLedger, LedgerEntry, LedgerStatus } from './send-ledger.js';
import type { ReminderStore, Subscription } from './store.js';

export interface RecoveryDeps {
  store: ReminderStore;
  ledger: SendLedger;
  /** Subscriptions by `subscriptionKey`. */
  index: ReadonlyMap<string, Subscription>;
  log: Logger;
  nowIso: () => string;
}

/**
 * Folds what an interrupted pass left into reminders.json, then empties the ledger: each reminder's
 * last ledger line (a `pending` alone becomes `unconfirmed`: it may have been delivered, so it is
 * never resent), and `pending` records written by older versions. Returns how many are unconfirmed.
 */
export async function foldInterruptedPass(deps: RecoveryDeps): Promise<number> {
  const { store, ledger, index, log } = deps;
  const entries = await ledger.replay();
  let unconfirmed = 0;
  const settle = (sub: Subscription, key: string, e: Pick<LedgerEntry, 'offset' | 'status' | 'at'>): void => {
    const p = sub.progress[key];
    // reminders.json already holds a later stage, or this attempt's outcome (its chunk was written).
    if (p && (p.offset > e.offset || (p.offset === e.offset && p.status !== 'pending' && p.at >= e.at))) return;
    const status: LedgerStatus = e.status === 'pending' ? 'unconfirmed' : e.status;
    if (status === 'unconfirmed') {
      unconfirmed++;
      log.warn({ code: sub.code, key, offset: e.offset }, 'reminder in flight when the last pass stopped: may have been delivered, not resent');
    }
    if (status === 'blocked') sub.pausedAt ??= deps.nowIso();
    sub.progress[key] = { offset: e.offset, status, at: e.at };
  };
  const legacy = store.data.subscriptions.some((sub) => Object.values(sub.progress).some((p) => p.status === 'pending'));
  if (entries.size === 0 && !legacy) return 0;
  await store.update(() => {
    for (const [k, e] of entries) {
      const [subKey = '', key = ''] = k.split('|');
      const sub = index.get(subKey);
      if (sub) settle(sub, key, e);
    }
    for (const sub of store.data.subscriptions) {
      for (const [key, p] of Object.entries(sub.progress)) if (p.status === 'pending') settle(sub, key, p);
    }
  });
  await ledger.clear();
  return unconfirmed;
}
