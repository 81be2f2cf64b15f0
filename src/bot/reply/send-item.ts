import { InlineKeyboard } from 'grammy';
import type { CatalogItem } from '../../catalog/types.js';
import type { Aspect } from '../../matching/types.js';
import type { AnswerInput } from '../../ratings/service.js';
import type { BotContext } from '../context.js';
import { itemView } from '../callbacks.js';
import { itemKeyboard } from '../keyboards/item-keyboard.js';
import { addRatingRows } from '../keyboards/rating-keyboard.js';
import { escapeHtml, packMessages } from '../render/html.js';
import { faqSection, renderCard, stepsSection } from '../render/card.js';

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

/**
 * Answers with an item's 办事指南 card (the asked aspect first), remembers the item for follow-up
 * questions, and puts the item buttons and the 好差评 rating rows under it.
 */
export async function sendItem(
  ctx: BotContext,
  item: CatalogItem,
  opts: { question: string; kind: AnswerInput['kind']; aspect?: Aspect | undefined; followUp?: boolean },
): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId !== undefined) {
    ctx.deps.chats.set(chatId, (s) => {
      s.previousIntent = item.id;
    });
  }
  const brief = opts.followUp === true && opts.aspect !== undefined;
  const keyboard = await ratingRowsFor(ctx, item.id, opts.kind, opts.question, itemKeyboard(item, brief ? 'focus' : 'card'));
  const messages = renderCard(item, opts.aspect, brief);
  if (opts.followUp) messages[0] = `<i>（接着说「${escapeHtml(item.name)}」）</i>\n${messages[0] ?? ''}`;
  await sendHtml(ctx, messages, keyboard);
}

/** Steps, FAQ or related items of an item, as a follow-up to its card. */
export async function sendItemView(ctx: BotContext, item: CatalogItem, view: 'steps' | 'faq' | 'rel'): Promise<void> {
  if (view === 'rel') {
    const kb = new InlineKeyboard();
    for (const id of item.related) {
      const related = ctx.deps.catalog.get(id);
      if (related) kb.text(related.name, itemView.pack({ id, view: 'card' })).row();
    }
    await ctx.reply(`与「${item.name}」相关的事项：`, { reply_markup: kb });
    return;
  }
  const section = view === 'steps' ? stepsSection(item) : faqSection(item);
  await sendHtml(ctx, packMessages([`📋 <b>${escapeHtml(item.name)}</b>`, section]), itemKeyboard(item, view));
}
