import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';
import { browseCategory, browseHome, itemView } from '../callbacks.js';
import { escapeHtml } from '../render/html.js';
import { sendItem, sendItemView } from '../reply/send-item.js';

const composer = new Composer<BotContext>();

/** The category list: one button per category. */
export function categoryKeyboard(ctx: BotContext): InlineKeyboard {
  const kb = new InlineKeyboard();
  ctx.deps.catalog.current().categories.forEach((c, index) => {
    kb.text(`${c.name}（${c.items.length}）`, browseCategory.pack({ index }));
    if (index % 2 === 1) kb.row();
  });
  return kb;
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
  if (data.view === 'card') await sendItem(ctx, item, { question: `[目录] ${item.name}`, kind: 'card' });
  else await sendItemView(ctx, item, data.view);
});

export { composer as browseFeature };
