import type { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { defineCallback } from '../callback-data.js';
import { LEVEL_LABELS, RATING_LEVELS } from '../../ratings/levels.js';

const level = z.coerce.number().int().min(1).max(5).pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]));

/** `rt:<answerId>:<level>`: a 好差评 press under an answer (answer ids are 11 base-36 characters). */
export const rateCallback = defineCallback('rt', z.object({ answer: z.string().regex(/^[0-9a-z]{9,12}$/), level }));

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
