import { deadlineOfReminderText } from '../../reminders/message.js';
import type { DeadlineRef, SubscriptionView } from '../../reminders/service.js';
import type { BotContext } from '../context.js';
import { submittedText } from './reminders-text.js';

/**
 * The 已提交 button: marks the one deadline the reminder was about. `ref` comes from the button
 * (`rem:done:<code>:<year>:<id>`). A button sent before buttons named their deadline (`rem:done:<code>`)
 * is read as the deadline in the text of the reminder it sits under; when Telegram no longer gives us
 * that text (or it names no known deadline), the service takes the earliest open deadline of the year
 * being followed, and the reply names the deadline marked so the person can see which one it was.
 */
export async function markDone(ctx: BotContext, chatId: number, view: SubscriptionView, ref: DeadlineRef | undefined): Promise<void> {
  const reminders = ctx.deps.reminders;
  const message = ctx.callbackQuery?.message;
  const text = message && 'text' in message ? message.text : undefined;
  const target = ref ?? (text ? deadlineOfReminderText(text, view.kind, reminders.rules) : undefined);
  const result = await reminders.markSubmitted(chatId, view.code, target);
  if (!result) {
    await ctx.answerCallbackQuery({ text: '这家单位已不在订阅列表里，可以发 /mine 查看。' });
    return;
  }
  ctx.log.info({ deadline: result.deadline.deadlineId, year: result.deadline.year, fromButton: ref !== undefined, already: result.already }, 'reminder deadline marked submitted');
  await ctx.answerCallbackQuery({ text: '已记下' });
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(submittedText(view.name, result));
}
