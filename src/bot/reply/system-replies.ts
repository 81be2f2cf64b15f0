import type { BotContext } from '../context.js';
import { categoryKeyboard } from '../features/browse.js';
import { escapeHtml } from '../render/html.js';
import { contactText } from './hall-text.js';
import { ratingRowsFor, sendHtml } from './send-item.js';

export const HELP_TEXT = [
  '我是民政政务服务助手，可以帮您：',
  '• 查办事指南：直接说您要办的事，比如「结婚登记要带什么」「低保怎么申请」「协会换法人」',
  '• 接着问：「要多久」「在哪办」「收费吗」「网上能办吗」',
  '• 年检提醒：发送 /subscribe 订阅社会组织年检（年报）提醒，/mine 查看，/unsubscribe 退订',
  '• 找人工：说「转人工」；有意见可以说「我要投诉」',
  '',
  '也可以点下面的分类，一步步找到事项。',
].join('\n');

/** Replies for the system intents that need no other feature: greeting, thanks, help, contact … */
export async function replySystemIntent(ctx: BotContext, intent: string, question: string): Promise<boolean> {
  const hall = ctx.deps.catalog.current().hall;
  switch (intent) {
    case 'greeting':
      await ctx.reply(`您好！欢迎咨询${hall.name}。\n\n${HELP_TEXT}`, { reply_markup: categoryKeyboard(ctx) });
      return true;
    case 'help':
      await ctx.reply(HELP_TEXT, { reply_markup: categoryKeyboard(ctx) });
      return true;
    case 'thanks':
      await ctx.reply('不客气，能帮上忙就好！还有其他问题随时问我。');
      return true;
    case 'goodbye':
      await ctx.reply('好的，祝您办事顺利，再见！有需要随时找我。');
      return true;
    case 'office-info':
      await sendHtml(ctx, [contactText(hall)]);
      return true;
    case 'human-handoff': {
      const kb = await ratingRowsFor(ctx, intent, 'handoff', question);
      await sendHtml(
        ctx,
        [`好的，请直接联系窗口工作人员，他们会当面或电话为您解答：\n\n${contactText(hall)}\n\n也可以拨打 ${hall.hotline} 政务服务热线留言。`],
        kb,
      );
      return true;
    }
    case 'bot-identity':
      // Said plainly, with the way to a person right there: nobody should think a clerk is typing.
      await sendHtml(ctx, [
        `我是${escapeHtml(hall.name)}的自动问答助手（机器人），不是真人。我按公开的办事指南回答，拿不准的会直接告诉您。\n\n` +
          `想找工作人员，可以说「转人工」，或直接联系：\n\n${contactText(hall)}`,
      ]);
      return true;
    case 'progress-query':
      await sendHtml(ctx, [
        [
          '办件进度可以这样查：',
          `• 登录 <a href="${escapeHtml(hall.website)}">政务服务网</a>「办件查询」，输入受理回执上的受理编号；`,
          `• 或带上受理回执，拨打 ${escapeHtml(hall.phone)} 询问承办窗口。`,
          '我这里查不到具体办件的进度，还请谅解。',
        ].join('\n'),
      ]);
      return true;
    default:
      return false;
  }
}
