import type { CatalogItem } from '../catalog/types.js';
import type { Action, Answer, Block } from './types.js';
import { checkedNote, formText, shortMaterialName } from './wording.js';

const MAX_LABEL = 14;
const label = (text: string): string => ([...text].length <= MAX_LABEL ? text : `${[...text].slice(0, MAX_LABEL - 1).join('')}…`);

/** The materials still missing, by what the person has ticked (ticks are kept by material name). */
export function missingMaterials(item: CatalogItem, ticked: ReadonlySet<string>): CatalogItem['materials'] {
  return item.materials.filter((m) => !ticked.has(m.name));
}

/**
 * The interactive 材料清单: only what is still missing is listed; each material has a button to tick
 * (or untick) it, and "打印清单" gives the paper to bring to the window.
 */
export function checklistAnswer(item: CatalogItem, ticked: ReadonlySet<string>): Answer {
  const missing = missingMaterials(item, ticked);
  const have = item.materials.length - missing.length;
  const blocks: Block[] = [{ type: 'title', text: `${item.name} · 材料清单` }];
  if (missing.length === 0) {
    blocks.push({ type: 'text', spans: [{ text: '材料都备齐了！出门前再核对一下原件和复印件的份数。' }] });
  } else {
    blocks.push({
      type: 'text',
      spans: [{ text: have > 0 ? `已备好${have}样，还差${missing.length}样：` : '已经备好的，点下面对应的按钮打个勾：' }],
    });
    blocks.push({
      type: 'list',
      style: 'todo',
      items: missing.map((m) => [
        { text: `${m.name}（${formText(m)}）` },
        ...(m.required ? [] : [{ text: `：${m.condition ?? ''}才需要`, italic: true }]),
      ]),
    });
  }
  if (item.abolishedMaterials.length > 0) {
    blocks.push({ type: 'note', text: `不用再交：${item.abolishedMaterials.map((a) => a.name).join('、')}` });
  }
  blocks.push({ type: 'note', text: checkedNote(item) });
  const ticks: Action[] = item.materials.map((m, index) => ({
    type: 'tick',
    item: item.id,
    index,
    label: `${ticked.has(m.name) ? '☑' : '☐'} ${label(shortMaterialName(m))}`,
  }));
  const rows: Action[][] = [];
  for (let i = 0; i < ticks.length; i += 2) rows.push(ticks.slice(i, i + 2));
  rows.push([
    { type: 'print', item: item.id, label: '🖨 打印清单' },
    { type: 'part', item: item.id, part: 'summary', label: '📋 办事要点' },
  ]);
  return { kind: 'checklist', blocks, actions: rows, context: { item: item.id }, notes: [] };
}

/** Per-chat ticks, durable across restarts (a file, or a table shared by every instance). */
export interface ChecklistStore {
  /** Asked only when a checklist is shown, so a shared store reads it then rather than on every update. */
  ticked(chatId: number, itemId: string): Promise<ReadonlySet<string>>;
  /** Ticks or unticks a material; resolves once the change is durable. */
  toggle(chatId: number, itemId: string, material: string): Promise<ReadonlySet<string>>;
}
