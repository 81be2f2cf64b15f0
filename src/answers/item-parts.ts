import type { CatalogItem } from '../catalog/types.js';
import type { Block, PartKey, Span } from './types.js';
import { abolishedSpans, checkedNote, feeSentence, materialSpans, onlineSpans, realUrl, timeLimitLine, timeNote } from './wording.js';

const text = (...spans: Span[]): Block => ({ type: 'text', spans });
const plain = (t: string): Block => text({ text: t });

/** 材料清单: what everyone brings, then what only some need (with when), then what is no longer needed. */
export function materialsPart(item: CatalogItem): Block[] {
  const required = item.materials.filter((m) => m.required);
  const optional = item.materials.filter((m) => !m.required);
  const blocks: Block[] = [{ type: 'heading', icon: '📎', text: '材料清单' }];
  blocks.push({ type: 'list', style: 'bullet', items: required.map(materialSpans) });
  if (optional.length > 0) {
    blocks.push(plain('以下情况才需要：'));
    blocks.push({ type: 'list', style: 'optional', items: optional.map(materialSpans) });
  }
  if (item.abolishedMaterials.length > 0) blocks.push({ type: 'list', style: 'abolished', items: item.abolishedMaterials.map(abolishedSpans) });
  return blocks;
}

export function stepsPart(item: CatalogItem): Block[] {
  return [
    { type: 'heading', icon: '🧭', text: '办理流程' },
    { type: 'list', style: 'number', items: item.steps.map((s) => [{ text: s.name, bold: true }, { text: `：${s.detail}` }]) },
  ];
}

export function conditionsPart(item: CatalogItem): Block[] {
  if (item.conditions.length === 0) return [{ type: 'heading', icon: '✅', text: '申请条件' }, plain('这个事项没有特别的申请条件。')];
  return [{ type: 'heading', icon: '✅', text: '申请条件' }, { type: 'list', style: 'bullet', items: item.conditions.map((c) => [{ text: c }]) }];
}

export function timeFeePart(item: CatalogItem): Block[] {
  const note = timeNote(item);
  const blocks: Block[] = [{ type: 'heading', icon: '⏱', text: '时限和收费' }, plain(timeLimitLine(item))];
  if (note) blocks.push({ type: 'note', text: note });
  blocks.push(plain(`收费：${feeSentence(item)}`));
  for (const a of item.amounts) blocks.push(plain(`${a.kind}：${a.text}${a.localSource ? `（${a.localSource}）` : ''}`));
  return blocks;
}

/**
 * 在哪办: the window, appointment, the online service and 跨省通办 where the item has them. Nothing is
 * said about online service for an item nobody applies for online.
 */
export function wherePart(item: CatalogItem, onlineUrl?: string): Block[] {
  const { window, online, crossProvince, appointment } = item.where;
  const blocks: Block[] = [{ type: 'heading', icon: '📍', text: '在哪办' }, plain(window)];
  if (appointment) blocks.push(plain(`预约：${appointment}`));
  if (online) blocks.push(text(...onlineSpans(online, onlineUrl)));
  if (crossProvince) blocks.push(plain(`${crossProvince.scope}：${crossProvince.note}`));
  return blocks;
}

export function faqPart(item: CatalogItem): Block[] {
  const blocks: Block[] = [{ type: 'heading', icon: '❓', text: '常见问题' }];
  if (item.faq.length === 0) return [...blocks, plain('这个事项暂时没有整理常见问题。')];
  for (const f of item.faq) blocks.push(text({ text: `问：${f.q}`, bold: true }), plain(`答：${f.a}`));
  return blocks;
}

export function basisPart(item: CatalogItem): Block[] {
  const blocks: Block[] = [{ type: 'heading', icon: '📜', text: '依据和来源' }, { type: 'list', style: 'bullet', items: item.legalBasis.map((b) => [{ text: b }]) }];
  if (item.sources.length > 0) {
    blocks.push({
      type: 'list',
      style: 'bullet',
      items: item.sources.map((s) => {
        const label = [s.title, s.docNo, s.article, s.version].filter(Boolean).join(' ');
        const url = realUrl(s.url);
        return [url ? { text: label, url } : { text: label }];
      }),
    });
  }
  blocks.push({ type: 'note', text: checkedNote(item) });
  return blocks;
}

/** The full guide: every part, for the "完整指南" button. */
export function fullGuide(item: CatalogItem, onlineUrl?: string): Block[] {
  return [
    { type: 'title', text: item.name },
    plain(item.summary),
    { type: 'note', text: `${item.category} · ${item.kind} · ${item.department}` },
    ...materialsPart(item),
    ...conditionsPart(item),
    ...stepsPart(item),
    ...timeFeePart(item),
    ...wherePart(item, onlineUrl),
    ...basisPart(item),
  ];
}

/** A part by key (related items are built by the caller, who can see the catalog). */
export function partBlocks(item: CatalogItem, part: Exclude<PartKey, 'summary' | 'related'>, onlineUrl?: string): Block[] {
  switch (part) {
    case 'materials':
      return materialsPart(item);
    case 'steps':
      return stepsPart(item);
    case 'conditions':
      return conditionsPart(item);
    case 'time-fee':
      return timeFeePart(item);
    case 'where':
      return wherePart(item, onlineUrl);
    case 'faq':
      return faqPart(item);
    case 'basis':
      return basisPart(item);
    case 'full':
      return fullGuide(item, onlineUrl);
  }
}

export const PART_LABELS: Record<PartKey, string> = {
  summary: '📋 办事要点',
  materials: '📎 材料清单',
  steps: '🧭 办理流程',
  conditions: '✅ 申请条件',
  'time-fee': '⏱ 时限和收费',
  where: '📍 在哪办',
  faq: '❓ 常见问题',
  related: '🔗 相关事项',
  basis: '📜 依据和来源',
  full: '📖 完整指南',
};
