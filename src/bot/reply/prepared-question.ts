import type { InlineKeyboard } from 'grammy';
import { composeAnswer } from '../../answers/compose.js';
import type { Answer } from '../../answers/types.js';
import type { CatalogSnapshot } from '../../catalog/types.js';
import type { MatchResult } from '../../matching/types.js';
import { sourcesOf } from '../answer-sources.js';
import type { BotContext, BotDeps } from '../context.js';
import { answerKeyboard, renderAnswerHtml } from '../render/answer-html.js';

/** Longer messages are matched on their beginning; nobody's question needs more. */
export const MATCH_CHARS = 500;

/**
 * A text question's match and reply, worked out before the update was claimed (see sharedGuard), with
 * what they were worked out from. Nothing in it has been said or stored: it is only used if what it
 * read is still what the question feature reads.
 */
export interface PreparedQuestion {
  question: string;
  previousIntent: string | undefined;
  snapshot: CatalogSnapshot;
  result: MatchResult;
  answer: Answer | undefined;
  /** The answer rendered, and its buttons without the rating rows (added once the answer is recorded). */
  html: string[] | undefined;
  keyboard: InlineKeyboard | undefined;
}

/**
 * For a shared instance: works out a private text question's match and reply while the update's claim
 * travels to the database, so that round trip is not added to the reply's own work. Pure: it reads
 * the chat's local state and the catalog, and writes only `ctx.prepared`. Skips commands and chats in
 * a dialog, whose text the question feature may never see.
 */
export function prepareQuestion(deps: Pick<BotDeps, 'chats' | 'catalog' | 'matcher' | 'eligibility'>): (ctx: BotContext) => void {
  return (ctx) => {
    const text = ctx.message?.text;
    const chat = ctx.chat;
    if (text === undefined || text.startsWith('/') || chat?.type !== 'private') return;
    const state = deps.chats.get(chat.id);
    if (state?.dialog) return;
    const question = text.slice(0, MATCH_CHARS);
    const previousIntent = state?.previousIntent;
    const sources = sourcesOf(deps);
    const result = deps.matcher.match(question, previousIntent ? { previousIntent } : {});
    // For the intents that start a dialog this answer goes unused (answerMatch routes them first).
    const answer = composeAnswer(question, result, sources, previousIntent ? { previousItem: previousIntent } : {});
    ctx.prepared = {
      question, previousIntent, snapshot: sources.snapshot, result, answer,
      html: answer ? renderAnswerHtml(answer) : undefined,
      keyboard: answer ? answerKeyboard(answer) : undefined,
    };
  };
}

/**
 * The prepared match for this question, if it was worked out from what the chat and the catalog are
 * now (the claim may have brought a newer chat state from another instance; the catalog may have
 * been reloaded); otherwise none, and it is dropped.
 */
export function takePrepared(ctx: BotContext, question: string, previousIntent: string | undefined): PreparedQuestion | undefined {
  const p = ctx.prepared;
  if (!p) return undefined;
  if (p.question === question && p.previousIntent === previousIntent && p.snapshot === ctx.deps.catalog.current()) return p;
  ctx.prepared = undefined;
  return undefined;
}

/** The prepared rendering of exactly this answer, once (its keyboard is then the caller's to add to). */
export function takeRendered(ctx: BotContext, answer: Answer): { html: string[]; keyboard: InlineKeyboard } | undefined {
  const p = ctx.prepared;
  if (!p || p.answer !== answer || !p.html || !p.keyboard) return undefined;
  ctx.prepared = undefined;
  return { html: p.html, keyboard: p.keyboard };
}
