import type { Hall } from '../catalog/schema.js';
import type { CatalogItem } from '../catalog/types.js';
import { itemActions } from './actions.js';
import { checklistAnswer } from './checklist.js';
import type { AnswerSources } from './compose.js';
import { itemSummary } from './direct.js';
import { partBlocks } from './item-parts.js';
import type { Action, Answer, Block, PartKey } from './types.js';
import { checkedNote } from './wording.js';

/** The item opened from the catalog or a button: the compact summary with the parts a button away. */
export function summaryAnswer(item: CatalogItem, hall?: Hall): Answer {
  const blocks: Block[] = [{ type: 'title', text: item.name }, ...itemSummary(item, hall), { type: 'note', text: checkedNote(item) }];
  return { kind: 'item', blocks, actions: [...itemActions(item, 'summary')], context: { item: item.id }, notes: [], rating: { intent: item.id, kind: 'card' } };
}

/**
 * One part of an item's guide, opened from a button. Pressing a button of any message makes its item
 * the conversation's item, so "收费吗" next is about the item last touched.
 */
export function partAnswer(item: CatalogItem, part: PartKey, sources: AnswerSources, ticked: ReadonlySet<string> = new Set()): Answer {
  if (part === 'summary') return summaryAnswer(item, sources.snapshot.hall);
  if (part === 'materials') return checklistAnswer(item, ticked);
  if (part === 'related') {
    const related = item.related.map((id) => sources.snapshot.byId.get(id)).filter((r) => r !== undefined);
    return {
      kind: 'part',
      blocks: [{ type: 'text', spans: [{ text: related.length > 0 ? `与「${item.name}」相关的事项：` : `「${item.name}」暂时没有相关事项。` }] }],
      actions: [...related.map((r): Action[] => [{ type: 'item', item: r.id, label: r.name }]), ...itemActions(item, 'related')],
      context: { item: item.id },
      notes: [],
    };
  }
  const online = sources.snapshot.hall.local?.online[item.id];
  const blocks: Block[] = part === 'full' ? partBlocks(item, part, online) : [{ type: 'title', text: item.name }, ...partBlocks(item, part, online)];
  return { kind: 'part', blocks, actions: [...itemActions(item, part)], context: { item: item.id }, notes: [] };
}
