import { InlineKeyboard } from 'grammy';
import { LeanComposer } from '../lean-composer.js';
import { partAnswer } from '../../answers/parts.js';
import { categoryActions } from '../../answers/system.js';
import type { Answer, PartKey } from '../../answers/types.js';
import { answerSources } from '../answer-sources.js';
import type { BotContext } from '../context.js';
import { browseCategory, browseHome, itemView, type ItemViewName } from '../callbacks.js';
import { answerKeyboard, PART_VIEW } from '../render/answer-html.js';
import { escapeHtml } from '../render/html.js';
import { sendAnswer } from '../reply/send-item.js';

const composer = new LeanComposer<BotContext>();
const VIEW_PART = Object.fromEntries(Object.entries(PART_VIEW).map(([part, view]) => [view, part])) as Record<ItemViewName, PartKey>;

/** The category list: one button per category. */
export function categoryKeyboard(ctx: BotContext): InlineKeyboard {
  const answer: Answer = { kind: 'system', blocks: [], actions: categoryActions(ctx.deps.catalog.current()), notes: [] };
  return answerKeyboard(answer);
}

composer.command('menu', async (ctx) => {
  await ctx.reply('请选择事项分类：', { reply_markup: categoryKeyboard(ctx) });
});

composer.callbackQuery(browseHome.match, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply('请选择事项分类：', { reply_markup: categoryKeyboard(ctx) });
});

composer.callbackQuery(browseCategory.match, async (ctx) => {
  const data = browseCategory.unpack(ctx.callbackQuery.data);
  const category = data ? ctx.deps.catalog.current().categories[data.index] : undefined;
  if (!category) {
    await ctx.answerCallbackQuery({ text: '这个按钮已失效，请重新打开目录。' });
    return;
  }
  await ctx.answerCallbackQuery();
  const kb = new InlineKeyboard();
  for (const item of category.items) kb.text(item.name, itemView.pack({ id: item.id, view: 'card' })).row();
  kb.text('⬅️ 返回分类', browseHome.pack({}));
  await ctx.reply(`<b>${escapeHtml(category.name)}</b>：请选择要办理的事项`, {
    parse_mode: 'HTML',
    reply_markup: kb,
  });
});

composer.callbackQuery(itemView.match, async (ctx) => {
  const data = itemView.unpack(ctx.callbackQuery.data);
  const item = data ? ctx.deps.catalog.get(data.id) : undefined;
  if (!data || !item) {
    await ctx.answerCallbackQuery({ text: '这个事项已调整或按钮已失效，请重新查询。' });
    return;
  }
  await ctx.answerCallbackQuery();
  const part = VIEW_PART[data.view];
  const ticked = ctx.chat ? await ctx.deps.checklists.ticked(ctx.chat.id, item.id) : new Set<string>();
  await sendAnswer(ctx, partAnswer(item, part, answerSources(ctx), ticked), `[目录] ${item.name}`);
});

export { composer as browseFeature };
