import { LeanComposer } from '../lean-composer.js';
import { composeAnswer } from '../../answers/compose.js';
import { summaryAnswer } from '../../answers/parts.js';
import type { Answer } from '../../answers/types.js';
import type { MatchResult } from '../../matching/types.js';
import { answerSources } from '../answer-sources.js';
import type { BotContext } from '../context.js';
import { pickItem } from '../callbacks.js';
import { MATCH_CHARS, takePrepared } from '../reply/prepared-question.js';
import { sendAnswer } from '../reply/send-item.js';
import { startComplaint } from './complaint.js';
import { startSubscribe, startUnsubscribe } from './reminders.js';

const composer = new LeanComposer<BotContext>();

/**
 * Routes a match: the dialogs (complaint, reminders) start here; everything else is the answer model's.
 * `composed`: the answer already worked out for exactly this question, match and previous item.
 */
export async function answerMatch(ctx: BotContext, question: string, result: MatchResult, previousItem?: string, composed?: Answer): Promise<void> {
  if (result.intent === 'complaint') return startComplaint(ctx, question);
  if (result.intent === 'reminder-subscribe') return startSubscribe(ctx);
  if (result.intent === 'reminder-unsubscribe') return startUnsubscribe(ctx);
  const sources = answerSources(ctx);
  let answer = composed ?? composeAnswer(question, result, sources, previousItem ? { previousItem } : {});
  if (!answer) {
    ctx.log.error({ intent: result.intent }, 'matched an intent nothing handles');
    answer = composeAnswer(question, { ...result, intent: null, outcome: 'unknown' }, sources);
  }
  if (answer) await sendAnswer(ctx, answer, question);
}

composer.chatType('private').on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  const question = text.slice(0, MATCH_CHARS);
  const previousIntent = ctx.deps.chats.get(ctx.chat.id)?.previousIntent;
  // Worked out while the update was claimed (shared instances), if the chat and catalog are as they were.
  const prepared = takePrepared(ctx, question, previousIntent);
  const result = prepared?.result ?? ctx.deps.matcher.match(question, previousIntent ? { previousIntent } : {});
  ctx.log.info({ intent: result.intent, outcome: result.outcome, score: result.score }, 'matched');
  if (text.length > MATCH_CHARS) {
    await ctx.reply('您的消息比较长，我先按开头部分理解；如有遗漏，可以分几句再问我。');
  }
  await answerMatch(ctx, question, result, previousIntent, prepared?.answer);
});

composer.callbackQuery(pickItem.match, async (ctx) => {
  const data = pickItem.unpack(ctx.callbackQuery.data);
  const item = data ? ctx.deps.catalog.get(data.id) : undefined;
  if (!item) {
    await ctx.answerCallbackQuery({ text: '这个选项已失效，请重新提问。' });
    return;
  }
  await ctx.answerCallbackQuery({ text: item.name });
  await sendAnswer(ctx, summaryAnswer(item, ctx.deps.catalog.current().hall), `[选择] ${item.name}`, 'clarified');
});

export { composer as questionFeature };
