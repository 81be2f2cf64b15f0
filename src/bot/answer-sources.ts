import type { AnswerSources } from '../answers/compose.js';
import type { BotContext } from './context.js';

/** What the answer model reads, as of this update (the catalog may have been reloaded). */
export function answerSources(ctx: BotContext): AnswerSources {
  return { snapshot: ctx.deps.catalog.current(), rules: ctx.deps.eligibility };
}
