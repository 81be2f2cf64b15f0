/**
 * For stores shared by several instances (PostgreSQL). The bot reads chat state synchronously, so an
 * instance first brings its copy of what one update may read up to date, and makes the update's
 * changes durable before Telegram is told the update was handled.
 */
export interface SharedState {
  /** Loads what handling an update for `chatId` reads (chat state, its subscriptions, cases). */
  beforeUpdate(chatId: number | undefined): Promise<void>;
  /**
   * Writes what the update changed; resolves once it is committed. `handledUpdateId`: an update this
   * instance claimed in the database, recorded as handled in the same commit.
   */
  afterUpdate(chatId: number | undefined, handledUpdateId?: number): Promise<void>;
}

/** Runs every hook in order (one per shared store). */
export function combineSharedState(parts: readonly SharedState[]): SharedState {
  return {
    async beforeUpdate(chatId) {
      await Promise.all(parts.map((p) => p.beforeUpdate(chatId)));
    },
    async afterUpdate(chatId, handledUpdateId) {
      await Promise.all(parts.map((p) => p.afterUpdate(chatId, handledUpdateId)));
    },
  };
}
