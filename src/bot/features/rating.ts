import { InlineKeyboard } from 'grammy';
import { LeanComposer } from '../lean-composer.js';
import type { InlineKeyboardButton } from 'grammy/types';
import { CaseError } from '../../errors.js';
import { friendlyDate } from '../../ratings/case-text.js';
import { BAD_REASONS, isBadReason, LEVEL_LABELS, type BadReason, type RatingLevel } from '../../ratings/levels.js';
import type { RateRejection } from '../../ratings/service.js';
import type { BotContext } from '../context.js';
import { rateCallback, reasonCallback, reasonKeyboard, rerateCallback } from '../keyboards/rating-keyboard.js';
import { notifyManagers, pushNewCase } from './manager.js';

const composer = new LeanComposer<BotContext>();
const REASON_DIALOG = 'rating-reason';

const REFUSALS: Readonly<Record<RateRejection, string>> = {
  unknown: '没有找到这条答复的记录，请重新提问后再评价。',
  expired: '这条答复时间有点久了，已不能评价。欢迎重新提问后再评价。',
  'not-yours': '这是其他人的咨询，只有提问的人才能评价哦。',
  locked: '您已经评价过了，超过修改时限后不能再改。感谢您的反馈！',
};

/** Marks the chosen level with ✓ and leaves every other button (item links) as it was. */
function markChosen(rows: InlineKeyboardButton[][], answerId: string, level: RatingLevel): InlineKeyboard {
  return new InlineKeyboard(
    rows.map((row) =>
      row.map((b) => {
        const data = 'callback_data' in b ? rateCallback.unpack(b.callback_data) : undefined;
        if (!data || data.answer !== answerId) return b;
        return { ...b, text: `${data.level === level ? '✓ ' : ''}${LEVEL_LABELS[data.level]}` };
      }),
    ),
  );
}

composer.callbackQuery(rateCallback.match, async (ctx) => {
  const data = rateCallback.unpack(ctx.callbackQuery.data);
  if (!data) return void (await ctx.answerCallbackQuery({ text: '这个按钮已失效，请重新提问后再评价。' }));
  const out = await ctx.deps.ratings.rate({ answerId: data.answer, userId: ctx.from.id, level: data.level });
  if (!out.ok) {
    ctx.log.info({ reason: out.reason, answerId: data.answer }, 'rating refused');
    return void (await ctx.answerCallbackQuery({ text: REFUSALS[out.reason], show_alert: out.reason === 'not-yours' }));
  }
  const label = LEVEL_LABELS[out.level];
  const minutes = ctx.deps.config.RATING_CHANGE_MINUTES;
  const toast =
    out.change === 'same' ? `您的评价是“${label}”。` : `${out.change === 'changed' ? '已改为' : '已记录'}“${label}”，谢谢您的评价！${minutes > 0 ? `${minutes} 分钟内可以改。` : ''}`;
  await ctx.answerCallbackQuery({ text: toast });
  const rows = ctx.callbackQuery.message?.reply_markup?.inline_keyboard;
  if (rows && out.change !== 'same') {
    await ctx.editMessageReplyMarkup({ reply_markup: markChosen(rows, data.answer, out.level) }).catch((err: unknown) => {
      ctx.log.debug({ err }, 'could not mark the chosen rating');
    });
  }
  if (out.withdrawn) {
    await notifyManagers(ctx, `案件 #${out.withdrawn.id}：评价人已在修改时限内改为“${label}”，案件自动撤销，无需跟进。`);
  }
  if (out.opened) {
    await pushNewCase(ctx, out.opened);
    await ctx.dialog.set(REASON_DIALOG, 'reason', { case: out.opened.id, tags: [] });
    await ctx.reply(
      `很抱歉这次没让您满意。您的评价已登记为案件 #${out.opened.id}，工作人员会在 ${friendlyDate(out.opened.dueDate)} 前回访。\n\n` +
        '能告诉我们哪里做得不好吗？可以勾选下面的选项，也可以直接写几句话发给我；不方便说就点“不说了”。',
      { reply_markup: reasonKeyboard(out.opened.id, []) },
    );
  }
});

function reasonState(ctx: BotContext, caseId: number): BadReason[] | undefined {
  const d = ctx.dialog.get();
  if (d?.feature !== REASON_DIALOG || d.data.case !== caseId) return undefined;
  const tags = d.data.tags;
  return Array.isArray(tags) ? tags.filter((t): t is BadReason => typeof t === 'string' && isBadReason(t)) : [];
}

/** Saves the reason on the case, thanks the person with the follow-up date, and tells the managers. */
async function finishReason(ctx: BotContext, caseId: number, tags: BadReason[], text?: string): Promise<void> {
  await ctx.dialog.clear();
  const c = await ctx.deps.ratings.addReason(caseId, ctx.from?.id ?? 0, { tags, ...(text ? { text } : {}) });
  await ctx.reply(
    `收到，已记入案件 #${c.id}，谢谢您告诉我们。工作人员会在 ${friendlyDate(c.dueDate)} 前联系您、了解情况并改进，处理结果也会在这里告诉您。`,
  );
  if (tags.length > 0 || text) {
    const why = [tags.map((t) => BAD_REASONS[t]).join('、'), c.reasonText].filter(Boolean).join('；');
    await notifyManagers(ctx, `案件 #${c.id} 补充了差评原因：${why}`);
  }
}

composer.callbackQuery(reasonCallback.match, async (ctx) => {
  const data = reasonCallback.unpack(ctx.callbackQuery.data);
  const tags = data ? reasonState(ctx, data.case) : undefined;
  if (!data || !tags) return void (await ctx.answerCallbackQuery({ text: '这个问题已经结束了，谢谢您。' }));
  await ctx.answerCallbackQuery();
  if (data.code === 'skip') {
    await ctx.dialog.clear();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return void (await ctx.reply(`好的，不打扰您了。工作人员仍会回访（案件 #${data.case}），了解怎样做得更好。`));
  }
  if (data.code === 'done') {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return finishReason(ctx, data.case, tags).catch((e: unknown) => sayCaseError(ctx, e));
  }
  const next = tags.includes(data.code) ? tags.filter((t) => t !== data.code) : [...tags, data.code];
  await ctx.dialog.set(REASON_DIALOG, 'reason', { case: data.case, tags: next });
  await ctx.editMessageReplyMarkup({ reply_markup: reasonKeyboard(data.case, next) }).catch(() => undefined);
});

// Free text while the reason question is open: it is the reason (with any ticked boxes).
composer.chatType('private').on('message:text', async (ctx, next) => {
  const d = ctx.dialog.get();
  if (d?.feature !== REASON_DIALOG || ctx.message.text.startsWith('/') || typeof d.data.case !== 'number') return next();
  const tags = reasonState(ctx, d.data.case) ?? [];
  await finishReason(ctx, d.data.case, tags, ctx.message.text.slice(0, 1000)).catch((e: unknown) => sayCaseError(ctx, e));
});

async function sayCaseError(ctx: BotContext, error: unknown): Promise<void> {
  if (!(error instanceof CaseError)) throw error;
  await ctx.reply(error.message);
}

composer.callbackQuery(rerateCallback.match, async (ctx) => {
  const data = rerateCallback.unpack(ctx.callbackQuery.data);
  if (!data) return void (await ctx.answerCallbackQuery({ text: '这个按钮已失效。' }));
  try {
    const c = await ctx.deps.ratings.rerateCase(data.case, ctx.from.id, data.level);
    await ctx.answerCallbackQuery({ text: `已记录“${LEVEL_LABELS[data.level]}”，谢谢您！` });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await notifyManagers(ctx, `案件 #${c.id} 当事人回访后再评价：${LEVEL_LABELS[data.level]}`);
  } catch (error) {
    if (!(error instanceof CaseError)) throw error;
    await ctx.answerCallbackQuery({ text: error.message });
  }
});

export { composer as ratingFeature };
