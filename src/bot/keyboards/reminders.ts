import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { REMINDER_ACTIONS, REMINDER_CALLBACK_PREFIX } from '../../reminders/message.js';
import type { SubscriptionView } from '../../reminders/service.js';
import { ORG_KINDS, type OrgKind } from '../../reminders/types.js';
import { defineCallback } from '../callback-data.js';

const code = z.string().regex(/^[0-9A-Z]{18}$/);

/**
 * `rem:<action>:<code>`: the buttons under a reminder (built by the domain's composeReminder with the
 * same prefix) and under /mine and /unsubscribe lists.
 */
export const reminderButton = defineCallback(REMINDER_CALLBACK_PREFIX, z.object({ action: z.enum(REMINDER_ACTIONS), code }));

/**
 * `rem:done:<code>:<year>:<deadline id>`: the 已提交 button naming its deadline (built by the domain's
 * reminderDoneData). Buttons sent before carry `rem:done:<code>` and are read by `reminderButton`.
 */
export const reminderDone = defineCallback(
  REMINDER_CALLBACK_PREFIX,
  z.object({
    action: z.literal('done'),
    code,
    year: z.coerce.number().int().min(2000).max(2999),
    deadlineId: z.string().regex(/^[a-z][a-z0-9-]{0,23}$/),
  }),
);

/** `remkind:<index>`: the kind chosen for a 5x code that does not fix it (index into ORG_KINDS). */
export const reminderKind = defineCallback('remkind', z.object({ index: z.coerce.number().int().min(0).max(ORG_KINDS.length - 1) }));

/** `remall`: unsubscribe every organisation of this chat. `remx`: cancel the subscription dialog. */
export const reminderUnsubscribeAll = defineCallback('remall', z.object({}));
export const reminderCancel = defineCallback('remx', z.object({}));

/** `remadm:<action>`: the manager's buttons under /reminders. */
export const reminderAdmin = defineCallback('remadm', z.object({ action: z.enum(['csv', 'dry', 'run']) }));

export function kindKeyboard(): InlineKeyboard {
  const kb = new InlineKeyboard();
  ORG_KINDS.forEach((kind: OrgKind, index) => {
    kb.text(kind, reminderKind.pack({ index }));
    if (index % 2 === 1) kb.row();
  });
  return kb.row().text('取消', reminderCancel.pack({}));
}

/** One 退订 button per organisation, then 全部退订 when there are several. */
export function unsubscribeKeyboard(views: readonly SubscriptionView[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const v of views) kb.text(`退订：${shorten(v.name)}`, reminderButton.pack({ action: 'off', code: v.code })).row();
  if (views.length > 1) kb.text('全部退订', reminderUnsubscribeAll.pack({})).row();
  return kb.text('不退订了', reminderCancel.pack({}));
}

export function adminKeyboard(): InlineKeyboard {
  return new InlineKeyboard()
    .text('导出名单（CSV）', reminderAdmin.pack({ action: 'csv' }))
    .row()
    .text('演练今天的提醒', reminderAdmin.pack({ action: 'dry' }))
    .text('立即发送今天的提醒', reminderAdmin.pack({ action: 'run' }));
}

/** Button labels stay short on a phone; the full name is in the message text. */
function shorten(name: string): string {
  return name.length > 16 ? `${name.slice(0, 15)}…` : name;
}
