/**
 * For stores shared by several instances (PostgreSQL). The bot reads chat state synchronously, so an
 * instance first brings its copy of what one update may read up to date, and makes the update's
 * changes durable before Telegram is told the update was handled.
 *
 * A hook returns undefined when it has nothing to wait for (the copy is current, nothing to write):
 * the common case on one instance, which then costs no promise and no turn of the microtask queue.
 */
export interface SharedState {
  /** Loads what handling an update for `chatId` reads (chat state, its subscriptions, cases). */
  beforeUpdate(chatId: number | undefined): Promise<void> | undefined;
  /**
   * Writes what the update changed; settles once it is committed. `handledUpdateId`: an update this
   * instance claimed in the database, recorded as handled in the same commit.
   */
  afterUpdate(chatId: number | undefined, handledUpdateId?: number): Promise<void> | undefined;
}

/**
 * What is left to wait for of several waits that may each be nothing: nothing, the one promise, or
 * all of them. A loop, not map and filter: this runs twice per update, and in the common case
 * allocates nothing.
 */
export function pendingOf<T>(items: Iterable<T>, wait: (item: T) => Promise<void> | undefined): Promise<void> | undefined {
  let one: Promise<void> | undefined;
  let several: Promise<void>[] | undefined;
  for (const item of items) {
    const w = wait(item);
    if (!w) continue;
    if (!one) one = w;
    else (several ??= [one]).push(w);
  }
  return several ? Promise.all(several).then(() => undefined) : one;
}

/** Runs every hook (one per shared store) and waits for those that have something to wait for. */
export function combineSharedState(parts: readonly SharedState[]): SharedState {
  return {
    beforeUpdate: (chatId) => pendingOf(parts, (p) => p.beforeUpdate(chatId)),
    afterUpdate: (chatId, handledUpdateId) => pendingOf(parts, (p) => p.afterUpdate(chatId, handledUpdateId)),
  };
}
