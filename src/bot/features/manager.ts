import { InlineKeyboard, InputFile, type CommandContext } from 'grammy';
import { LeanComposer } from '../lean-composer.js';
import { AppError, CaseError } from '../../errors.js';
import type { CaseStep } from '../../ratings/case-ops.js';
import { caseDetail, caseLine, type LabelOf } from '../../ratings/case-text.js';
import { parsePeriod, periodBounds } from '../../ratings/period.js';
import { itemLabeler } from '../../ratings/item-labels.js';
import { formatStats } from '../../ratings/report.js';
import type { RatingCase } from '../../ratings/types.js';
import { formatUnanswered, groupUnanswered } from '../../ratings/unanswered-groups.js';
import type { BotContext } from '../context.js';
import { isAdmin } from '../filters/admin.js';
import { addRerateRows, caseCallback, caseKeyboard } from '../keyboards/rating-keyboard.js';

const composer = new LeanComposer<BotContext>();
const NOTE_DIALOG = 'case-note';
const STEP_PROMPTS: Readonly<Record<CaseStep, string>> = {
  contacted: '请回复这条消息，写一句回访情况（例如：已电话联系当事人，解释了材料要求）。',
  rectified: '请回复这条消息，写一句整改情况（例如：办事指南已补充复印件说明）。',
  closed: '请回复这条消息，写办结说明。这段话会发给当事人，请用对群众说话的口吻。',
};

/** Item names for managers; intent ids only when the catalog no longer has the item. */
export function labelOf(ctx: BotContext): LabelOf {
  return itemLabeler((intent) => ctx.deps.catalog.get(intent)?.name);
}

/** Sends to the managers' chat; a failure is logged, never shown to the citizen who triggered it. */
export async function notifyManagers(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const chatId = ctx.deps.config.MANAGER_CHAT_ID;
  if (chatId === undefined) {
    ctx.log.warn('MANAGER_CHAT_ID not set: case notice not pushed');
    return;
  }
  await ctx.api
    .sendMessage(chatId, text, keyboard ? { reply_markup: keyboard } : {})
    .catch((err: unknown) => ctx.log.error({ err }, 'could not notify the managers chat'));
}

/** Pushes a new case to the managers at once, with the button to take it. */
export function pushNewCase(ctx: BotContext, c: RatingCase): Promise<void> {
  const title = c.source === 'complaint' ? '🔔 新投诉，请及时跟进' : '🔔 新差评，请及时回访';
  return notifyManagers(ctx, `${title}\n\n${caseDetail(c, false, labelOf(ctx))}`, caseKeyboard(c));
}

function showCase(ctx: BotContext, c: RatingCase): Promise<unknown> {
  const text = caseDetail(c, ctx.deps.ratings.isOverdue(c), labelOf(ctx));
  return ctx.reply(text, { reply_markup: caseKeyboard(c) });
}

/** Runs a manager's action; refusals (CaseError, a bad period) are told plainly, not as a crash. */
async function politely(ctx: BotContext, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await ctx.reply(error.message);
  }
}

/** The manager as recorded in a case's history: always marked as staff, whatever their Telegram name. */
const actor = (ctx: BotContext): { id: number; name: string } => {
  const name = [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(' ').trim();
  return { id: ctx.from?.id ?? 0, name: name ? `管理员 ${name}` : '管理员' };
};

/**
 * What the person is told when their case is closed (from the chat or the web console), with re-rating
 * buttons. Managers are asked to write the closing note to the person, so it often starts with its own
 * greeting: then ours is left out.
 */
export function closingNotice(c: RatingCase): { text: string; keyboard: InlineKeyboard } {
  const said = (c.events.at(-1)?.note ?? '').trim();
  const greeted = /^(您好|你好|尊敬的)/.test(said);
  const text =
    `${greeted ? '' : '您好！'}您反映的问题（案件 #${c.id}）已处理完毕，处理情况如下：\n\n${said}\n\n` +
    '感谢您的监督。对处理结果是否满意？欢迎再评价一次：';
  return { text, keyboard: addRerateRows(new InlineKeyboard(), c.id) };
}

async function advance(ctx: BotContext, id: number, step: CaseStep, note: string): Promise<void> {
  const c = await ctx.deps.ratings.advanceCase(id, step, actor(ctx), note);
  await ctx.reply(`已记录，案件 #${id} 现为“${{ contacted: '已回访', rectified: '已整改', closed: '已办结' }[step]}”。`);
  await showCase(ctx, c);
  if (step !== 'closed') return;
  const notice = closingNotice(c);
  await ctx.api
    .sendMessage(c.chatId, notice.text, { reply_markup: notice.keyboard })
    .catch((err: unknown) => ctx.log.warn({ err, caseId: c.id }, 'could not send the closing notice'));
}

type CommandCtx = CommandContext<BotContext>;
const admin = {
  /** A manager command; for anyone else it falls through to the ordinary bot (isAdmin logs the try). */
  command(name: string, handler: (ctx: CommandCtx) => Promise<unknown>): void {
    composer.command(name, async (ctx, next) => (isAdmin(ctx) ? void (await handler(ctx)) : next()));
  },
};

admin.command('stats', (ctx) =>
  politely(ctx, async () => {
    const stats = await ctx.deps.ratings.stats(parsePeriod(ctx.match, ctx.deps.clock()));
    await ctx.reply(formatStats(stats, labelOf(ctx)));
  }),
);

admin.command('cases', async (ctx) => {
  const open = ctx.deps.ratings.openCases();
  if (open.length === 0) return void (await ctx.reply('目前没有未办结的案件。'));
  const overdue = open.filter((c) => ctx.deps.ratings.isOverdue(c)).length;
  const shown = open.slice(0, 30);
  const kb = new InlineKeyboard();
  shown.forEach((c, i) => {
    kb.text(`#${c.id}`, caseCallback.pack({ action: 'view', case: c.id }));
    if (i % 5 === 4) kb.row();
  });
  const lines = shown.map((c) => caseLine(c, ctx.deps.ratings.isOverdue(c), labelOf(ctx)));
  const more = open.length > shown.length ? `\n…另有 ${open.length - shown.length} 件，请用 /export 导出查看` : '';
  await ctx.reply(`未办结案件 ${open.length} 件（超期 ${overdue} 件），按立案先后：\n\n${lines.join('\n')}${more}`, { reply_markup: kb });
});

admin.command('case', (ctx) =>
  politely(ctx, async () => {
    const c = ctx.deps.ratings.getCase(Number(ctx.match.trim().replace(/^#/, '')));
    if (!c) throw new CaseError('请写案件号，例如 /case 12。');
    await showCase(ctx, c);
  }),
);

for (const [command, step] of [['contact', 'contacted'], ['rectify', 'rectified'], ['close', 'closed']] as const) {
  admin.command(command, (ctx) =>
    politely(ctx, async () => {
      const m = /^#?(\d+)\s+([\s\S]+)$/.exec(ctx.match.trim());
      if (!m) throw new CaseError(`用法：/${command} 案件号 说明，例如 /${command} 12 已电话联系当事人。`);
      await advance(ctx, Number(m[1]), step, m[2] ?? '');
    }),
  );
}

admin.command('unanswered', (ctx) =>
  politely(ctx, async () => {
    const period = parsePeriod(ctx.match || '30d', ctx.deps.clock());
    const groups = await groupUnanswered(ctx.deps.unanswered.entries(), { ...periodBounds(period), top: 10 });
    const label = labelOf(ctx);
    await ctx.reply(formatUnanswered(groups, (id) => label(id), period));
  }),
);

admin.command('export', (ctx) =>
  politely(ctx, async () => {
    const period = parsePeriod(ctx.match, ctx.deps.clock());
    const csv = await ctx.deps.ratings.exportCsv(period);
    const span = `${period.from}_${period.to}`;
    const caption = 'UTF-8（带 BOM），可直接用 Excel 打开；评价人信息不导出，问题内容已脱敏。';
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv.ratings, 'utf8'), `好差评-${span}.csv`), { caption });
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv.cases, 'utf8'), `差评投诉案件-${span}.csv`));
  }),
);

composer.callbackQuery(caseCallback.match, async (ctx) => {
  const data = caseCallback.unpack(ctx.callbackQuery.data);
  if (!isAdmin(ctx)) return void (await ctx.answerCallbackQuery({ text: '这个按钮只对管理员有效。' }));
  const c = data ? ctx.deps.ratings.getCase(data.case) : undefined;
  if (!data || !c) return void (await ctx.answerCallbackQuery({ text: '没有找到这个案件，按钮可能已失效。' }));
  await ctx.answerCallbackQuery();
  await politely(ctx, async () => {
    if (data.action === 'view') return showCase(ctx, c);
    if (data.action === 'take') {
      const taken = await ctx.deps.ratings.takeCase(c.id, actor(ctx));
      return ctx.reply(`${actor(ctx).name} 已认领案件 #${c.id}，请在 ${taken.dueDate} 前办结。`, { reply_markup: caseKeyboard(taken) });
    }
    await ctx.dialog.set(NOTE_DIALOG, data.action, { case: c.id, by: actor(ctx).id });
    return ctx.reply(`案件 #${c.id}：${STEP_PROMPTS[data.action]}发 /cancel 取消。`, {
      reply_markup: { force_reply: true, selective: true, input_field_placeholder: '写一句说明' },
    });
  });
});

// The note after a 回访/整改/办结 button: only from the manager who pressed it.
composer.on('message:text', async (ctx, next) => {
  const dialog = ctx.dialog.get();
  if (dialog?.feature !== NOTE_DIALOG || ctx.message.text.startsWith('/')) return next();
  const { case: id, by } = dialog.data as { case?: unknown; by?: unknown };
  const step = dialog.step as CaseStep;
  if (by !== ctx.from.id || typeof id !== 'number' || !(step in STEP_PROMPTS) || !isAdmin(ctx)) return next();
  await ctx.dialog.clear();
  await politely(ctx, () => advance(ctx, id, step, ctx.message.text));
});

export { composer as managerFeature };
