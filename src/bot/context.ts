import type { Context } from 'grammy';
import type { ChecklistStore } from '../answers/checklist.js';
import type { EligibilityRule } from '../answers/eligibility.js';
import type { Catalog } from '../catalog/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Matcher } from '../matching/types.js';
import type { RatingService } from '../ratings/service.js';
import type { ReminderService } from '../reminders/service.js';
import type { ChatStore, Dialog } from '../store/chat-store.js';
import type { SharedState } from '../store/shared-state.js';
import type { UnansweredLog } from '../store/unanswered-log.js';
import type { PreparedQuestion } from './reply/prepared-question.js';

/** Everything the bot needs, built by the caller (main.ts, a test, the terminal chat). */
export interface BotDeps {
  config: Config;
  logger: Logger;
  catalog: Catalog;
  matcher: Matcher;
  chats: ChatStore;
  unanswered: UnansweredLog;
  ratings: RatingService;
  reminders: ReminderService;
  /** Machine-readable conditions (data/eligibility.yaml) for "我能办吗". */
  eligibility: readonly EligibilityRule[];
  /** Per-chat ticks of the 材料清单. */
  checklists: ChecklistStore;
  clock: () => Date;
  /** The web console's one-time sign-in links, when the web server runs (the /console command). */
  console?: { issueLink(admin: { id: number; name: string }): Promise<{ url: string; expiresAt: number }> };
  /** Set when state is shared between instances (STORAGE=postgres): loaded before, saved after each update. */
  shared?: SharedState;
}

/** The per-chat multi-step conversation, persisted in the chat store. */
export interface DialogAccess {
  get(): Dialog | undefined;
  set(feature: string, step: string, data?: Record<string, unknown>, ttlMinutes?: number): Promise<void>;
  clear(): Promise<void>;
}

export interface BotContextFlavor {
  deps: BotDeps;
  /** A child logger carrying the update id and chat id. */
  log: Logger;
  dialog: DialogAccess;
  /**
   * Set by the shared guard when this instance claimed the update in the database; the shared
   * store marks it handled in the commit of the update's changes, and clears it.
   */
  claimedUpdateId?: number;
  /** A text question's match and reply, worked out while the update was being claimed (shared instances). */
  prepared?: PreparedQuestion;
}

export type BotContext = Context & BotContextFlavor;
