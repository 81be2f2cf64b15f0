import { LeanComposer } from '../lean-composer.js';
import { maskPersonalData } from '../../privacy/mask.js';
import { friendlyDate } from '../../ratings/case-text.js';
import type { BotContext } from '../context.js';
import { ratingRowsFor } from '../reply/send-item.js';
import { pushNewCase } from './manager.js';

const composer = new LeanComposer<BotContext>();
const FEATURE = 'complaint';
/** Shorter than this, a message like "我要投诉" carries no details yet. */
const MIN_DETAIL_CHARS = 12;

/**
 * Starts the complaint conversation (投诉/举报): asks what happened, in one message, and opens a case
 * when it comes. `question` is what the person already wrote; it is kept with the details.
 */
export async function startComplaint(ctx: BotContext, question: string): Promise<void> {
  // Dialog state lands in chats.json: an abandoned complaint must not leave an ID or phone number there.
  await ctx.dialog.set(FEATURE, 'details', { first: maskPersonalData(question.slice(0, 500)) });
  await ctx.reply(
    '您反映的问题我们会认真对待、专人跟进。\n' +
      '请用一条消息说明：涉及哪个事项或窗口、大概什么时间、发生了什么。\n' +
      '（身份证号、电话不用发，我们会通过这个对话联系您。发 /cancel 可以取消。）',
  );
}

composer.command(['complaint', 'tousu'], (ctx) => startComplaint(ctx, ''));

composer.chatType('private').on('message:text', async (ctx, next) => {
  const dialog = ctx.dialog.get();
  const text = ctx.message.text.trim();
  if (dialog?.feature !== FEATURE || text.startsWith('/')) return next();
  if (text.length < MIN_DETAIL_CHARS && typeof dialog.data.asked !== 'boolean') {
    // One gentle nudge for more detail, then take whatever comes: never a loop.
    await ctx.dialog.set(FEATURE, 'details', { ...dialog.data, asked: true, first: maskPersonalData(`${String(dialog.data.first ?? '')} ${text}`.trim()) });
    return void (await ctx.reply('能再多说一点吗？比如哪个事项、哪个窗口、什么时间，这样我们能更快核实处理。'));
  }
  await ctx.dialog.clear();
  const first = typeof dialog.data.first === 'string' ? dialog.data.first : '';
  const details = [first, text].filter(Boolean).join(' / ').slice(0, 2000);
  const c = await ctx.deps.ratings.openComplaint({ chatId: ctx.chat.id, userId: ctx.from.id, text: details });
  ctx.log.info({ caseId: c.id }, 'complaint case opened');
  await pushNewCase(ctx, c);
  const keyboard = await ratingRowsFor(ctx, 'complaint', 'complaint', details);
  await ctx.reply(
    `已受理，编号 #${c.id}。工作人员会在 ${friendlyDate(c.dueDate)} 前联系您，处理结果也会在这里告诉您。\n\n` +
      '对这次受理的过程，欢迎您评价：',
    { reply_markup: keyboard },
  );
});

export { composer as complaintFeature };
