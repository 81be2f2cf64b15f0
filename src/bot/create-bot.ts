import { Bot, type Middleware, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotContext, BotDeps } from './context.js';
import { LeanComposer } from './lean-composer.js';
import { attachDeps } from './middleware/attach-deps.js';
import { onFeatureError } from './middleware/error-boundary.js';
import { rateLimit } from './middleware/rate-limit.js';
import { browseFeature } from './features/browse.js';
import { checklistFeature } from './features/checklist.js';
import { chatScopeFeature } from './features/chat-scope.js';
import { complaintFeature } from './features/complaint.js';
import { consoleFeature } from './features/console.js';
import { managerFeature } from './features/manager.js';
import { questionFeature } from './features/question.js';
import { ratingFeature } from './features/rating.js';
import { remindersFeature } from './features/reminders.js';
import { startFeature } from './features/start.js';
import { unhandledFeature } from './features/unhandled.js';

export interface CreateBotOptions {
  /** Without a token the bot still works through `handleUpdate` (tests, the terminal chat). */
  token?: string;
  /** Fixed bot identity, so no getMe call is needed (tests, terminal chat). */
  botInfo?: UserFromGetMe;
  apiRoot?: string;
  /** API transformers installed before any call is made (auto-retry, a test's capture). */
  transformers?: Transformer[];
  /** Middleware that must run before anything else (the runner's sequentialize). */
  before?: Middleware<BotContext>[];
}

/**
 * Builds the bot: dependencies on the context, then every feature behind one error boundary, in a
 * fixed order — dialogs and buttons before free-text questions, the unhandled feature last.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token ?? 'local-terminal-chat', {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
  });
  for (const transformer of options.transformers ?? []) bot.api.config.use(transformer);

  for (const middleware of options.before ?? []) bot.use(middleware);
  bot.use(attachDeps(deps));
  const features = new LeanComposer<BotContext>();
  features.use(chatScopeFeature);
  features.use(rateLimit(deps.config.RATE_LIMIT_PER_MINUTE));
  features.use(startFeature);
  features.use(managerFeature);
  features.use(consoleFeature);
  features.use(remindersFeature);
  features.use(ratingFeature);
  features.use(complaintFeature);
  features.use(checklistFeature);
  features.use(browseFeature);
  features.use(questionFeature);
  features.use(unhandledFeature);
  bot.errorBoundary(onFeatureError, features);

  bot.catch((error) => deps.logger.error({ err: error.error }, 'unhandled bot error'));
  return bot;
}

/** The commands shown in Telegram's menu. */
export const BOT_COMMANDS = [
  { command: 'start', description: '开始咨询' },
  { command: 'menu', description: '按分类查找事项' },
  { command: 'help', description: '使用帮助' },
  { command: 'subscribe', description: '订阅社会组织年检提醒' },
  { command: 'mine', description: '我订阅的组织' },
  { command: 'unsubscribe', description: '退订年检提醒' },
  { command: 'cancel', description: '取消当前操作' },
];
