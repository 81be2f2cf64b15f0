import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '../callback-data.js';
import { BAD_REASONS, LEVEL_LABELS, RATING_LEVELS, type BadReason } from '../../ratings/levels.js';
import { ANSWER_ID } from '../../ratings/answer-id.js';
import type { RatingCase } from '../../ratings/types.js';

const level = z.coerce.number().int().min(1).max(5).pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]));

/** `rt:<answerId>:<level>`: a 好差评 press under an answer (answer ids are 17 base-36 characters, 9 to 12 on older cards). */
export const rateCallback = defineCallback('rt', z.object({ answer: z.string().regex(ANSWER_ID), level }));

/** `rr:<caseId>:<level>`: the person's rating after a case's follow-up. */
export const rerateCallback = defineCallback('rr', z.object({ case: z.coerce.number().int().positive(), level }));

function addLevelRows(keyboard: InlineKeyboard, data: (l: (typeof RATING_LEVELS)[number]) => string): InlineKeyboard {
  // Three good levels on one row and the two 差评 levels on the next: readable on a phone.
  for (const l of RATING_LEVELS) {
    keyboard.text(LEVEL_LABELS[l], data(l));
    if (l === 3) keyboard.row();
  }
  return keyboard.row();
}

/** Appends the five 好差评 buttons for an answer, under whatever rows the keyboard already has. */
export function addRatingRows(keyboard: InlineKeyboard, answerId: string): InlineKeyboard {
  if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
  return addLevelRows(keyboard, (l) => rateCallback.pack({ answer: answerId, level: l }));
}

/** Appends the five levels for re-rating a case after its follow-up. */
export function addRerateRows(keyboard: InlineKeyboard, caseId: number): InlineKeyboard {
  if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
  return addLevelRows(keyboard, (l) => rerateCallback.pack({ case: caseId, level: l }));
}

const REASON_CODES = Object.keys(BAD_REASONS) as BadReason[];

/** `rsn:<caseId>:<code>`: tick a 差评 reason, or `done` / `skip`. */
export const reasonCallback = defineCallback(
  'rsn',
  z.object({ case: z.coerce.number().int().positive(), code: z.enum([...REASON_CODES, 'done', 'skip']) }),
);

/** The optional tick-boxes after a 差评; ticked ones show ☑. */
export function reasonKeyboard(caseId: number, ticked: readonly BadReason[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  REASON_CODES.forEach((code, i) => {
    kb.text(`${ticked.includes(code) ? '☑' : '☐'} ${BAD_REASONS[code]}`, reasonCallback.pack({ case: caseId, code }));
    if (i % 2 === 1) kb.row();
  });
  return kb
    .row()
    .text('提交', reasonCallback.pack({ case: caseId, code: 'done' }))
    .text('不说了', reasonCallback.pack({ case: caseId, code: 'skip' }));
}

/** `cs:<action>:<caseId>`: a manager's button on a case. */
export const caseCallback = defineCallback(
  'cs',
  z.object({ action: z.enum(['take', 'view', 'contacted', 'rectified', 'closed']), case: z.coerce.number().int().positive() }),
);

/** The next steps a case allows: take it, then 回访 → 整改 → 办结, one at a time. */
export function caseKeyboard(c: Pick<RatingCase, 'id' | 'status' | 'assignee'>): InlineKeyboard {
  const kb = new InlineKeyboard();
  const btn = (text: string, action: 'take' | 'contacted' | 'rectified' | 'closed'): void => {
    kb.text(text, caseCallback.pack({ action, case: c.id }));
  };
  if (c.status !== 'closed' && !c.assignee) btn('我来跟进', 'take');
  if (c.status === 'open') btn('记录回访', 'contacted');
  if (c.status === 'contacted') btn('记录整改', 'rectified');
  if (c.status === 'rectified') btn('办结', 'closed');
  return kb;
}
