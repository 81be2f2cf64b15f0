import { join } from 'node:path';
import type { BotDeps } from './bot/context.js';
import { createChecklistStore } from './answers/checklist-store.js';
import { loadEligibilityRules } from './answers/eligibility.js';
import { createWorkCalendar } from './calendar/work-calendar.js';
import { createCatalog } from './catalog/create-catalog.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createMatcher } from './matching/create-matcher.js';
import { loadIntents } from './matching/load-intents.js';
import { describeDrift, scopeModelDrift } from './matching/scope/drift.js';
import { loadScopeModel } from './matching/scope/load-model.js';
import { createRatingService } from './ratings/service.js';
import { createReminderService, type ReminderSender } from './reminders/service.js';
import { createChatStore } from './store/chat-store.js';
import { createUnansweredLog } from './store/unanswered-log.js';
import { createPostgresStores } from './store/postgres/stores.js';
import type { UpdateGuard } from './store/postgres/update-guard.js';
import type { WebStores } from './web/create-web.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** How reminders reach a chat: the Bot API in production, the screen in the terminal chat, a fake in tests. */
  sender: ReminderSender;
  clock?: () => Date;
  /** Reload the catalog when its files change (on when running, off in tests and tools). */
  watchCatalog?: boolean;
}

/**
 * Builds every domain service the bot uses from config. The caller holds the DATA_DIR lock.
 * @throws CatalogError, StoreCorruptError or ReminderRulesError naming the file and the reason.
 */
export async function createAppDeps(options: AppOptions): Promise<BotDeps> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const calendar = createWorkCalendar();
  const catalog = await createCatalog({
    dir: config.CATALOG_DIR,
    localHallFile: config.LOCAL_HALL_FILE,
    logger: logger.child({ module: 'catalog' }),
    watch: options.watchCatalog ?? false,
  });
  const intents = await loadIntents(config.INTENTS_DIR);
  const scopeModel = await loadScopeModel(config.SCOPE_MODEL_FILE);
  // A model trained before the catalog changed still runs (it never withdraws an item it does not know).
  const drift = describeDrift(scopeModelDrift(scopeModel, catalog.current().items.map((i) => i.id)));
  if (drift) logger.warn({ file: config.SCOPE_MODEL_FILE }, drift);
  const matcher = createMatcher({ catalog, intents, scopeModel });
  const eligibility = await loadEligibilityRules(join(config.CATALOG_DIR, 'eligibility.yaml'));
  if (config.STORAGE === 'postgres') {
    const stores = await createPostgresStores({ ...options, clock, calendar, catalog });
    const deps: BotDeps = { config, logger, catalog, matcher, clock, eligibility, ...stores.deps };
    closers.set(deps, stores.close);
    shared.set(deps, { updates: stores.updates, web: stores.web });
    return deps;
  }
  const chats = await createChatStore(config.DATA_DIR, {
    clock,
    onWriteError: (err) => logger.error({ err }, 'chat state not saved; will retry'),
  });
  const unanswered = await createUnansweredLog(config.DATA_DIR, {
    onError: (err, file) => logger.error({ err, file }, 'unanswered question not logged; answering anyway'),
  });
  const ratings = await createRatingService({
    dataDir: config.DATA_DIR,
    logger: logger.child({ module: 'ratings' }),
    calendar,
    clock,
    caseDueWorkingDays: config.CASE_DUE_WORKING_DAYS,
    changeWindowMinutes: config.RATING_CHANGE_MINUTES,
  });
  const reminders = await createReminderService({
    dataDir: config.DATA_DIR,
    logger: logger.child({ module: 'reminders' }),
    catalog,
    calendar,
    clock,
    rulesFile: join(config.CATALOG_DIR, 'reminder-rules.yaml'),
    sender: options.sender,
  });
  const checklists = await createChecklistStore(config.DATA_DIR);
  return { config, logger, catalog, matcher, chats, unanswered, ratings, reminders, clock, eligibility, checklists };
}

/** What a storage backend must release at shutdown beyond the services' own close (a connection pool). */
const closers = new WeakMap<BotDeps, () => Promise<void>>();

/** What several instances share beyond the bot's own stores (STORAGE=postgres). */
export interface SharedStorage {
  /** The webhook guard over the stores' pool: duplicate deliveries, the shared rate limit. */
  updates: UpdateGuard;
  /** The web channel's chat ids, conversations, rate limits and console sign-ins. */
  web: WebStores;
}

const shared = new WeakMap<BotDeps, SharedStorage>();

/** With STORAGE=postgres, what the deps' instance shares with the others; undefined with lowdb. */
export function sharedStorageOf(deps: BotDeps): SharedStorage | undefined {
  return shared.get(deps);
}

/** Flushes and closes what the deps hold open. */
export async function closeAppDeps(deps: BotDeps): Promise<void> {
  deps.catalog.close();
  await deps.chats.flush();
  await deps.unanswered.flush();
  await deps.ratings.close();
  await closers.get(deps)?.();
}
