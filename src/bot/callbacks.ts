import { z } from 'zod';
import { ItemIdSchema } from '../catalog/schema.js';
import { defineCallback } from './callback-data.js';

/** Open one view of an item: the full card, steps, FAQ or related items. */
export const itemView = defineCallback(
  'i',
  z.object({ id: ItemIdSchema, view: z.enum(['card', 'steps', 'faq', 'rel']) }),
);

/** A clarification choice: the person picked this item among the candidates. */
export const pickItem = defineCallback('pick', z.object({ id: ItemIdSchema }));

/** Browse: a category by its position in the catalog (names may be long), or the category list. */
export const browseCategory = defineCallback('cat', z.object({ index: z.coerce.number().int().min(0).max(99) }));
export const browseHome = defineCallback('menu', z.object({}));
