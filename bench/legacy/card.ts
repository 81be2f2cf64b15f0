/** main's card renderer before the answer model (#11), kept only so the bench can print the "before" reply lengths. */
import type { CatalogItem } from '../../src/catalog/types.js';
import type { Material } from '../../src/catalog/schema.js';
import type { Aspect } from '../../src/matching/types.js';
import { escapeHtml as e, packMessages } from '../../src/bot/render/html.js';
import { formatTimeLimit } from './time-limit.js';

function materialLine(m: Material): string {
  const form = m.form === '电子材料' ? '电子材料' : `${m.form} ${m.copies}份`;
  const note = m.note ? `\n    <i>${e(m.note)}</i>` : '';
  const when = m.required ? '' : `（${e(m.condition ?? '视情况')}时提供）`;
  const mark = m.required ? '☐' : '◇';
  const template = m.template ? ` <a href="${e(m.template)}">范本</a>` : '';
  return `${mark} ${e(m.name)}（${form}）${when}${template}${note}`;
}

export function materialsSection(item: CatalogItem): string {
  const lines = [`<b>📎 申请材料</b>`, ...item.materials.map(materialLine)];
  if (item.materials.some((m) => !m.required)) lines.push('<i>◇ 为特定情况才需要的材料</i>');
  for (const a of item.abolishedMaterials) {
    lines.push(`✂️ <s>${e(a.name)}</s> 已不再需要（${e(a.since)}起：${e(a.reason)}）`);
  }
  return lines.join('\n');
}

export function timeSection(item: CatalogItem): string {
  const { statutory, promised, note } = item.timeLimit;
  const extra = note ? `\n<i>${e(note)}</i>` : '';
  return `<b>⏱ 办理时限</b>\n法定时限：${formatTimeLimit(statutory)}\n承诺时限：${formatTimeLimit(promised)}${extra}`;
}

export function feeSection(item: CatalogItem): string {
  const { amount: fee } = item.fee;
  const amount = fee === 'local' ? '以当地公布的标准为准' : fee === 0 ? '不收费' : `${fee}元`;
  return `<b>💰 收费</b>\n${amount}${item.fee.note ? `（${e(item.fee.note)}）` : ''}`;
}

export function whereSection(item: CatalogItem): string {
  const { window, online, crossProvince, appointment } = item.where;
  const lines = [`<b>📍 办理地点</b>`, e(window)];
  if (appointment) lines.push(`预约：${e(appointment)}`);
  if (online) {
    // A national platform has a url; a provincial one is named only (its link is the operator's data).
    const name = online.url ? `<a href="${e(online.url)}">${e(online.name)}</a>` : e(online.name);
    lines.push(`🌐 网上办理：${name}${online.note ? `（${e(online.note)}）` : ''}`);
  } else {
    lines.push('🌐 暂不支持全程网办，请到窗口办理');
  }
  if (crossProvince) lines.push(`🔁 ${crossProvince.scope}：${e(crossProvince.note)}`);
  return lines.join('\n');
}

export function conditionsSection(item: CatalogItem): string | undefined {
  if (item.conditions.length === 0) return undefined;
  return [`<b>✅ 申请条件</b>`, ...item.conditions.map((c) => `• ${e(c)}`)].join('\n');
}

export function basisSection(item: CatalogItem): string {
  return [`<b>📜 设定依据</b>`, ...item.legalBasis.map((b) => `• ${e(b)}`)].join('\n');
}

export function stepsSection(item: CatalogItem): string {
  return [`<b>🧭 办理流程</b>`, ...item.steps.map((s, i) => `${i + 1}. <b>${e(s.name)}</b>：${e(s.detail)}`)].join('\n');
}

export function faqSection(item: CatalogItem): string {
  if (item.faq.length === 0) return '<b>❓ 常见问题</b>\n这个事项暂时没有整理常见问题。';
  return [`<b>❓ 常见问题</b>`, ...item.faq.map((f) => `<b>问：${e(f.q)}</b>\n答：${e(f.a)}`)].join('\n\n');
}

function header(item: CatalogItem): string {
  const flags = [item.flags.exemptReview ? '免核事项' : '', item.flags.acceptWithMissing ? '可容缺受理' : '']
    .filter(Boolean)
    .join(' · ');
  return [
    `📋 <b>${e(item.name)}</b>`,
    e(item.summary),
    `<i>${e(item.category)} · ${e(item.kind)} · ${e(item.department)}${flags ? ` · ${flags}` : ''}</i>`,
  ].join('\n');
}

const ASPECT_SECTIONS: Record<Aspect, (item: CatalogItem) => string | undefined> = {
  materials: materialsSection,
  time: timeSection,
  fee: feeSection,
  // Until the answer model reads item.amounts, "多少钱" of a benefit shows the fee section as before.
  amount: feeSection,
  where: whereSection,
  online: whereSection,
  'cross-province': whereSection,
  progress: whereSection,
  steps: stepsSection,
  conditions: (item) => conditionsSection(item) ?? '这个事项没有特别的申请条件。',
  basis: basisSection,
  faq: faqSection,
};

/**
 * The 办事指南 card as Telegram HTML messages, each under 4096 characters. With an `aspect`, the
 * part asked about comes first ("要多久" → the time limits), then the checklist; `brief` (a follow-up
 * in the same conversation) answers only that part, since the full card was just shown.
 */
export function renderCard(item: CatalogItem, aspect?: Aspect, brief = false): string[] {
  const focus = aspect ? ASPECT_SECTIONS[aspect](item) : undefined;
  if (focus && brief) {
    return packMessages([`📋 <b>${e(item.name)}</b>`, focus, '<i>需要完整的材料清单，可以点「📋 办事指南」。</i>']);
  }
  const sections = [
    header(item),
    focus,
    aspect === 'materials' ? undefined : materialsSection(item),
    conditionsSection(item),
    aspect === 'time' ? undefined : timeSection(item),
    aspect === 'fee' ? undefined : feeSection(item),
    aspect === 'where' || aspect === 'online' ? undefined : whereSection(item),
    aspect === 'basis' ? undefined : basisSection(item),
    `<i>信息核对日期：${e(item.lastChecked)}。以窗口最新要求为准。</i>`,
  ].filter((s): s is string => s !== undefined);
  // Conditions already shown as the focus should not repeat.
  const unique = [...new Set(sections)];
  return packMessages(unique);
}
