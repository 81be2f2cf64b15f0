import { z } from 'zod';
import { ItemIdSchema } from '../catalog/schema.js';
import { defineCallback } from './callback-data.js';

/** The views of an item a button can open ('card' = the item's summary, kept for buttons already sent). */
const ItemViewSchema = z.enum(['card', 'mat', 'steps', 'cond', 'tf', 'where', 'faq', 'rel', 'basis', 'full']);
export type ItemViewName = z.infer<typeof ItemViewSchema>;

/** Open one view of an item: its summary, a part of its guide, or the full guide. */
export const itemView = defineCallback('i', z.object({ id: ItemIdSchema, view: ItemViewSchema }));

/** A clarification choice (or another question of the same message): open this item. */
export const pickItem = defineCallback('pick', z.object({ id: ItemIdSchema }));

/** Browse: a category by its position in the catalog (names may be long), or the category list. */
export const browseCategory = defineCallback('cat', z.object({ index: z.coerce.number().int().min(0).max(99) }));
export const browseHome = defineCallback('menu', z.object({}));

/** Checklist: tick / untick material `n` of an item; print the checklist as a PDF. */
export const checklistTick = defineCallback('ck', z.object({ id: ItemIdSchema, n: z.coerce.number().int().min(0).max(99) }));
export const checklistPrint = defineCallback('pr', z.object({ id: ItemIdSchema }));
