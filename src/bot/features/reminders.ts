import { LeanComposer } from '../lean-composer.js';
import { z } from 'zod';
import {
  classifyCreditCode,
  describeCreditCodeProblem,
  describeUnusualCode,
  validateCreditCode,
} from '../../reminders/credit-code.js';
import { ORG_KINDS, type OrgKind } from '../../reminders/types.js';
import type { BotContext } from '../context.js';
import { kindKeyboard, reminderButton, reminderCancel, reminderDone, reminderKind, reminderUnsubscribeAll, unsubscribeKeyboard } from '../keyboards/reminders.js';
import { markDone } from './reminders-done.js';
import { remindersManagerFeature } from './reminders-manager.js';
import { readDialogReply } from './reminders-dialog.js';
import { mineText, subscribedText } from './reminders-text.js';

const FEATURE = 'reminders';
/** Wrong codes allowed before the dialog ends kindly instead of asking forever. */
const MAX_CODE_TRIES = 3;
const DialogData = z.object({ code: z.string().optional(), kind: z.enum(ORG_KINDS).optional(), tries: z.number().default(0) });

const composer = new LeanComposer<BotContext>();

/** Starts the /subscribe conversation (also called for the `reminder-subscribe` intent). */
export async function startSubscribe(ctx: BotContext): Promise<void> {
  if (ctx.chat) await ctx.deps.reminders.resumeChat(ctx.chat.id);
  await ctx.dialog.set(FEATURE, 'code', { tries: 0 });
  await ctx.reply(
    '好的，帮您订阅社会组织年检（年度报告）提醒。\n请发送单位的 18 位统一社会信用代码（登记证书上有）。随时发 /cancel 可以取消。',
  );
}

/** Starts /unsubscribe (also called for the `reminder-unsubscribe` intent). */
export async function startUnsubscribe(ctx: BotContext): Promise<void> {
  const views = ctx.chat ? ctx.deps.reminders.list(ctx.chat.id) : [];
  if (views.length === 0) {
    await ctx.reply('您目前没有订阅任何单位的年检提醒。需要的话发 /subscribe 订阅。');
    return;
  }
  await ctx.reply('要退订哪家单位的年检提醒？', { reply_markup: unsubscribeKeyboard(views) });
}

composer.command('subscribe', startSubscribe);
composer.command('unsubscribe', startUnsubscribe);

composer.command('mine', async (ctx) => {
  await ctx.deps.reminders.resumeChat(ctx.chat.id);
  const views = ctx.deps.reminders.list(ctx.chat.id);
  await ctx.reply(views.length ? mineText(views) : '您还没有订阅年检提醒。发 /subscribe，我在截止前提醒您报送年度报告。');
});

composer.on('message:text', async (ctx, next) => {
  const dialog = ctx.dialog.get();
  if (dialog?.feature !== FEATURE || ctx.message.text.startsWith('/')) return next();
  const data = DialogData.parse(dialog.data);
  const text = ctx.message.text.trim();
  const reply = readDialogReply(text, dialog.step);
  if (reply.kind === 'cancel') {
    await ctx.dialog.clear();
    return void (await ctx.reply('好的，先不订阅了。需要时再发 /subscribe 就行。'));
  }
  if (reply.kind === 'question') {
    // "算了 我问下结婚要带什么": the person has moved on; leave the dialog and let the question be answered.
    await ctx.dialog.clear();
    return next();
  }
  if (dialog.step === 'code') {
    if (reply.kind === 'code-help') {
      return void (await ctx.reply('统一社会信用代码印在社会组织登记证书上，共 18 位（数字和大写字母）。请把它发给我；不订阅了就发 /cancel。'));
    }
    return receiveCode(ctx, reply.kind === 'answer' ? reply.text : text, data.tries);
  }
  if (dialog.step === 'kind') {
    if (reply.kind === 'kind' && data.code) return chooseKind(ctx, data.code, reply.orgKind);
    await ctx.reply('请点上面的按钮选择单位类型，或发 /cancel 取消。', { reply_markup: kindKeyboard() });
    return;
  }
  if (dialog.step === 'name' && data.code && data.kind) return receiveName(ctx, text, data.code, data.kind);
  await ctx.dialog.clear();
  return next();
});

async function chooseKind(ctx: BotContext, code: string, kind: OrgKind): Promise<void> {
  await ctx.dialog.set(FEATURE, 'name', { code, kind });
  await ctx.reply(`好的，按${kind}提醒。请发送单位全称（与登记证书一致）。`);
}

async function receiveCode(ctx: BotContext, text: string, tries: number): Promise<void> {
  const result = validateCreditCode(text);
  if (!result.ok) {
    if (tries + 1 >= MAX_CODE_TRIES) {
      await ctx.dialog.clear();
      await ctx.reply(`${describeCreditCodeProblem(result)}\n\n先不着急，核对好登记证书后再发 /subscribe 就行。`);
      return;
    }
    await ctx.dialog.set(FEATURE, 'code', { tries: tries + 1 });
    await ctx.reply(`${describeCreditCodeProblem(result)}\n请再发一次代码。`);
    return;
  }
  const kind = classifyCreditCode(result.code);
  if (kind === 'unsupported') {
    await ctx.reply(`${describeUnusualCode(result.code)}\n\n如果还有其他社会组织要订阅，直接发它的代码即可；不需要的话发 /cancel。`);
    return;
  }
  if (kind === 'ask-kind' || !result.kind) {
    await ctx.dialog.set(FEATURE, 'kind', { code: result.code });
    await ctx.reply(describeUnusualCode(result.code), { reply_markup: kindKeyboard() });
    return;
  }
  await ctx.dialog.set(FEATURE, 'name', { code: result.code, kind: result.kind });
  await ctx.reply(`代码核对无误，这是一家${result.kind}。请发送单位全称（与登记证书一致）。`);
}

async function receiveName(ctx: BotContext, text: string, code: string, kind: OrgKind): Promise<void> {
  const name = text.replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 60) {
    await ctx.reply('单位名称请写 2 到 60 个字的全称，再发一次就好。');
    return;
  }
  if (!ctx.chat) return;
  const result = await ctx.deps.reminders.subscribe({ chatId: ctx.chat.id, code, name, kind });
  await ctx.dialog.clear();
  if (result.status === 'limit') {
    await ctx.reply(`一个聊天最多订阅 ${result.max} 家单位，请先用 /unsubscribe 退订不再需要的。`);
    return;
  }
  ctx.log.info({ kind, status: result.status }, 'reminder subscription saved');
  await ctx.reply(subscribedText(result.view, result.status === 'updated', ctx.deps.reminders.rules.offsets.before));
}

composer.callbackQuery(reminderKind.match, async (ctx) => {
  const data = reminderKind.unpack(ctx.callbackQuery.data);
  const dialog = ctx.dialog.get();
  const code = dialog?.feature === FEATURE && dialog.step === 'kind' ? DialogData.parse(dialog.data).code : undefined;
  const kind = data ? ORG_KINDS[data.index] : undefined;
  if (!code || !kind) {
    await ctx.answerCallbackQuery({ text: '这一步已过期，请重新发 /subscribe。' });
    return;
  }
  await ctx.answerCallbackQuery();
  await chooseKind(ctx, code, kind);
});

composer.callbackQuery(reminderCancel.match, async (ctx) => {
  if (ctx.dialog.get()?.feature === FEATURE) await ctx.dialog.clear();
  // One answer is enough: no toast on top of the message below.
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply('好的，不做改动。有需要随时找我。');
});

composer.callbackQuery(reminderUnsubscribeAll.match, async (ctx) => {
  const n = ctx.chat ? await ctx.deps.reminders.unsubscribe(ctx.chat.id, 'all') : 0;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(n ? `已退订全部 ${n} 家单位的年检提醒。以后需要可以随时发 /subscribe。` : '您已经没有订阅了。');
});

composer.callbackQuery(reminderButton.match, async (ctx) => {
  const done = reminderDone.unpack(ctx.callbackQuery.data);
  const data = done ?? reminderButton.unpack(ctx.callbackQuery.data);
  const chatId = ctx.chat?.id;
  const view = data && chatId !== undefined ? ctx.deps.reminders.find(chatId, data.code) : undefined;
  if (!data || chatId === undefined || !view) {
    await ctx.answerCallbackQuery({ text: '这家单位已不在订阅列表里，可以发 /mine 查看。' });
    return;
  }
  if (data.action === 'done') {
    await markDone(ctx, chatId, view, done && { year: done.year, deadlineId: done.deadlineId });
  } else if (data.action === 'mat') {
    await ctx.answerCallbackQuery();
    const { filing } = ctx.deps.reminders.rules;
    const lines = ctx.deps.reminders.checklist().map((l, i) => `${i + 1}. ${l}`);
    const list = lines.length ? lines.join('\n') : '材料清单以报送系统里的说明为准。';
    await ctx.reply(`年检（年度工作报告）需要准备：\n${list}\n\n报送入口：${filing.name} ${filing.url}`, {
      link_preview_options: { is_disabled: true },
    });
  } else {
    await ctx.deps.reminders.unsubscribe(chatId, data.code);
    await ctx.answerCallbackQuery({ text: '已退订' });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(`已退订「${view.name}」的年检提醒。以后需要可以随时发 /subscribe。`);
  }
});

composer.use(remindersManagerFeature);

export { composer as remindersFeature };
