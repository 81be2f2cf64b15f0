import { InlineKeyboard } from 'grammy';
import type { Answer, ManagerNote } from '../../answers/types.js';
import type { AnswerInput } from '../../ratings/service.js';
import type { UnansweredEntry } from '../../store/unanswered-log.js';
import type { BotContext } from '../context.js';
import { addRatingRows } from '../keyboards/rating-keyboard.js';
import { answerKeyboard, renderAnswerHtml } from '../render/answer-html.js';
import { takeRendered } from './prepared-question.js';

/** Sends HTML messages; the keyboard goes under the last one. */
export async function sendHtml(ctx: BotContext, messages: string[], keyboard?: InlineKeyboard): Promise<void> {
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await ctx.reply(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

/** Records the answer for rating and returns the rating rows to put under it. */
export async function ratingRowsFor(
  ctx: BotContext,
  intent: string | null,
  kind: AnswerInput['kind'],
  question: string,
  keyboard = new InlineKeyboard(),
): Promise<InlineKeyboard> {
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  if (chatId === undefined || userId === undefined) return keyboard;
  const { id } = await ctx.deps.ratings.recordAnswer({ chatId, userId, intent, kind, question });
  return addRatingRows(keyboard, id);
}

/** The unanswered log's kind for each note (the managers' /unanswered view groups by it). */
const NOTE_KIND: Record<ManagerNote['kind'], UnansweredEntry['kind']> = {
  unanswered: 'out-of-scope',
  clarify: 'clarify',
  gap: 'gap',
  'low-confidence': 'low-confidence',
  praise: 'praise',
};

/**
 * Records what the managers should see. Off the reply path: an append waits for the disk, and a reply
 * must not wait for it (a full disk is logged, and the person still gets the answer).
 */
export function recordNotes(ctx: BotContext, notes: readonly ManagerNote[]): void {
  for (const note of notes) {
    const entry: UnansweredEntry = {
      at: ctx.deps.clock().toISOString(),
      kind: NOTE_KIND[note.kind],
      question: note.question,
      candidates: [...note.candidates],
      ...(note.topic ? { topic: note.topic } : {}),
    };
    ctx.deps.unanswered.record(entry).catch((err: unknown) => ctx.log.error({ err }, 'unanswered log not written'));
  }
}

/**
 * Sends an answer: remembers its item for follow-ups, records its notes, puts its buttons and, when it
 * is rateable, the 好差评 rows under it.
 */
export async function sendAnswer(ctx: BotContext, answer: Answer, question: string, kind?: AnswerInput['kind']): Promise<void> {
  const chatId = ctx.chat?.id;
  const item = answer.context?.item;
  if (chatId !== undefined && item !== undefined) {
    ctx.deps.chats.set(chatId, (s) => {
      s.previousIntent = item;
    });
  }
  recordNotes(ctx, answer.notes);
  const rendered = takeRendered(ctx, answer);
  let keyboard = rendered?.keyboard ?? answerKeyboard(answer);
  if (answer.rating) keyboard = await ratingRowsFor(ctx, answer.rating.intent, kind ?? answer.rating.kind, question, keyboard);
  const rows = keyboard.inline_keyboard.filter((r) => r.length > 0);
  await sendHtml(ctx, rendered?.html ?? renderAnswerHtml(answer), rows.length > 0 ? keyboard : undefined);
}
