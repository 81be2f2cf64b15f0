import type { AnswerSources } from '../answers/compose.js';
import type { BotContext, BotDeps } from './context.js';

/** What the answer model reads from the dependencies, as of now (the catalog may have been reloaded). */
export function sourcesOf(deps: Pick<BotDeps, 'catalog' | 'eligibility'>): AnswerSources {
  return { snapshot: deps.catalog.current(), rules: deps.eligibility };
}

/** What the answer model reads, as of this update. */
export function answerSources(ctx: BotContext): AnswerSources {
  return sourcesOf(ctx.deps);
}
