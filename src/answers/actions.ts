import type { CatalogItem } from '../catalog/types.js';
import { PART_LABELS } from './item-parts.js';
import { memoFor } from './memo.js';
import type { Action, PartKey } from './types.js';

const part = (item: CatalogItem, key: PartKey): Action => ({ type: 'part', item: item.id, part: key, label: PART_LABELS[key] });

/**
 * The buttons under an item answer: every part of the guide except the one on screen, in the order a
 * clerk would go through them, then the catalog.
 */
export function itemActions(item: CatalogItem, showing?: PartKey): Action[][] {
  // Shared by every answer about the item: callers copy the outer array before adding rows.
  return memo(item, showing ?? '-', () => buildActions(item, showing));
}

const memo = memoFor<CatalogItem, Action[][]>();

function buildActions(item: CatalogItem, showing?: PartKey): Action[][] {
  const rows: PartKey[][] = [
    ['materials', 'steps', 'conditions'],
    ['time-fee', 'where', 'faq'],
    ['related', 'basis', 'full'],
  ];
  const available = (k: PartKey): boolean =>
    k !== showing && (k !== 'faq' || item.faq.length > 0) && (k !== 'related' || item.related.length > 0);
  const out = rows.map((r) => r.filter(available).map((k) => part(item, k))).filter((r) => r.length > 0);
  const last = out.at(-1);
  const menu: Action = { type: 'menu', label: '🏠 事项目录' };
  if (showing !== undefined && showing !== 'summary') out.push([part(item, 'summary'), menu]);
  else if (last && last.length < 4) last.push(menu);
  else out.push([menu]);
  return out;
}
