import { InputFile } from 'grammy';
import { LeanComposer } from '../lean-composer.js';
import { checklistAnswer } from '../../answers/checklist.js';
import { checklistPdf, findCjkFont } from '../../answers/checklist-pdf.js';
import type { BotContext } from '../context.js';
import { checklistPrint, checklistTick } from '../callbacks.js';
import { answerKeyboard, renderAnswerHtml } from '../render/answer-html.js';

const composer = new LeanComposer<BotContext>();

/**
 * A tick on the 材料清单: saved first (durable), then the same message is redrawn with only what is
 * still missing. Pressing it also makes the item the conversation's item.
 */
composer.callbackQuery(checklistTick.match, async (ctx) => {
  const data = checklistTick.unpack(ctx.callbackQuery.data);
  const item = data ? ctx.deps.catalog.get(data.id) : undefined;
  const material = data && item ? item.materials[data.n] : undefined;
  const chatId = ctx.chat?.id;
  if (!item || !material || chatId === undefined) {
    await ctx.answerCallbackQuery({ text: '这个清单已调整或按钮已失效，请重新打开材料清单。' });
    return;
  }
  const ticked = await ctx.deps.checklists.toggle(chatId, item.id, material.name);
  await ctx.answerCallbackQuery({ text: ticked.has(material.name) ? '已打勾' : '已取消勾选' });
  ctx.deps.chats.set(chatId, (s) => {
    s.previousIntent = item.id;
  });
  const answer = checklistAnswer(item, ticked);
  const [text] = renderAnswerHtml(answer);
  await ctx.editMessageText(text ?? item.name, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: answerKeyboard(answer),
  });
});

/** "打印清单": the checklist as a PDF document to bring to the window. */
composer.callbackQuery(checklistPrint.match, async (ctx) => {
  const data = checklistPrint.unpack(ctx.callbackQuery.data);
  const item = data ? ctx.deps.catalog.get(data.id) : undefined;
  const chatId = ctx.chat?.id;
  if (!item || chatId === undefined) {
    await ctx.answerCallbackQuery({ text: '这个清单已调整或按钮已失效，请重新打开材料清单。' });
    return;
  }
  let font: ReturnType<typeof findCjkFont>;
  try {
    font = findCjkFont(ctx.deps.config.CJK_FONT_FILE);
  } catch (err) {
    // An installation without the CJK font: the operator gets the fix in the log, the person a kind word.
    ctx.log.error({ err }, 'checklist not printed');
    await ctx.answerCallbackQuery({ text: '打印清单暂时用不了，可以先截图保存上面的清单。', show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: '正在生成清单…' });
  const pdf = await checklistPdf({
    item,
    ticked: await ctx.deps.checklists.ticked(chatId, item.id),
    hall: ctx.deps.catalog.current().hall,
    date: ctx.deps.clock(),
    font,
  });
  await ctx.replyWithDocument(new InputFile(pdf, `材料清单-${item.name}.pdf`), {
    caption: `「${item.name}」材料清单，可以打印出来带去窗口。`,
  });
});

export { composer as checklistFeature };
