import { Composer, InlineKeyboard } from 'grammy';
import { findReferral } from '../../catalog/find-referral.js';
import type { MatchResult } from '../../matching/types.js';
import type { BotContext } from '../context.js';
import { pickItem } from '../callbacks.js';
import { contactText } from '../reply/hall-text.js';
import { sendHtml, sendItem } from '../reply/send-item.js';
import { replySystemIntent } from '../reply/system-replies.js';
import { escapeHtml } from '../render/html.js';
import { startComplaint } from './complaint.js';
import { startSubscribe, startUnsubscribe } from './reminders.js';

/** Longer messages are matched on their beginning; nobody's question needs more. */
const MATCH_CHARS = 500;

const composer = new Composer<BotContext>();

async function clarify(ctx: BotContext, question: string, result: MatchResult): Promise<void> {
  const kb = new InlineKeyboard();
  for (const c of result.candidates) {
    const item = ctx.deps.catalog.get(c.intent);
    if (item) kb.text(item.name, pickItem.pack({ id: item.id })).row();
  }
  await ctx.deps.unanswered.record({
    at: ctx.deps.clock().toISOString(),
    kind: 'clarify',
    question,
    candidates: result.candidates.map((c) => c.intent),
  });
  await ctx.reply('您要办的是哪一项？请点一下：', { reply_markup: kb });
}

async function outOfScope(ctx: BotContext, question: string, normalized: string): Promise<void> {
  const hall = ctx.deps.catalog.current().hall;
  await ctx.deps.unanswered.record({ at: ctx.deps.clock().toISOString(), kind: 'out-of-scope', question, candidates: [] });
  const referral = findReferral(hall, normalized) ?? findReferral(hall, question);
  const where = referral
    ? `这个问题属于<b>${escapeHtml(referral.department)}</b>的业务：${escapeHtml(referral.hint)}`
    : '这个问题我暂时没能对上民政的办事事项，可能不在民政业务范围内，或者我没理解准确。';
  await sendHtml(ctx, [
    `${where}\n\n您可以换个说法再问我，或点「/menu」按分类查找；需要人工帮助的话：\n\n${contactText(hall)}`,
  ]);
}

/** Routes a match to the right answer: a card, a system reply, a clarification or an honest "not ours". */
export async function answerMatch(ctx: BotContext, question: string, result: MatchResult): Promise<void> {
  if (result.clarify && result.candidates.length > 1) return clarify(ctx, question, result);
  if (!result.intent) return outOfScope(ctx, question, result.normalized);
  const item = ctx.deps.catalog.get(result.intent);
  if (item) {
    return sendItem(ctx, item, { question, kind: 'card', aspect: result.aspect, followUp: result.followUp });
  }
  if (result.intent === 'complaint') return startComplaint(ctx, question);
  if (result.intent === 'reminder-subscribe') return startSubscribe(ctx);
  if (result.intent === 'reminder-unsubscribe') return startUnsubscribe(ctx);
  if (await replySystemIntent(ctx, result.intent, question)) return;
  ctx.log.error({ intent: result.intent }, 'matched an intent nothing handles');
  return outOfScope(ctx, question, result.normalized);
}

composer.chatType('private').on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  const question = text.slice(0, MATCH_CHARS);
  const previousIntent = ctx.deps.chats.get(ctx.chat.id)?.previousIntent;
  const result = ctx.deps.matcher.match(question, previousIntent ? { previousIntent } : {});
  ctx.log.info({ intent: result.intent, clarify: result.clarify, score: result.score }, 'matched');
  if (text.length > MATCH_CHARS) {
    await ctx.reply('您的消息比较长，我先按开头部分理解；如有遗漏，可以分几句再问我。');
  }
  await answerMatch(ctx, question, result);
});

composer.callbackQuery(pickItem.match, async (ctx) => {
  const data = pickItem.unpack(ctx.callbackQuery.data);
  const item = data ? ctx.deps.catalog.get(data.id) : undefined;
  if (!item) {
    await ctx.answerCallbackQuery({ text: '这个选项已失效，请重新提问。' });
    return;
  }
  await ctx.answerCallbackQuery({ text: item.name });
  await sendItem(ctx, item, { question: `[选择] ${item.name}`, kind: 'clarified' });
});

export { composer as questionFeature };
