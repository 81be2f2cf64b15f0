import type { Hall } from '../catalog/schema.js';
import type { CatalogItem } from '../catalog/types.js';
import type { Aspect } from '../matching/types.js';
import { basisPart, conditionsPart, faqPart } from './item-parts.js';
import { withoutCongratulations } from './tone.js';
import { memoFor } from './memo.js';
import type { Block, Span } from './types.js';
import { feeAnswer, feeLine, firstSentence, formText, onlineSpans, realUrl, shortMaterialName, timeLine, timeNote, whereSentence } from './wording.js';

const plain = (t: string): Block => ({ type: 'text', spans: [{ text: t }] });
const MAX_LISTED = 5;

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
}

/**
 * The fee in the summary. A note travels with "不收费" when it says money is charged somewhere along the
 * way (殡仪馆's fees beside a free guide): a bare "不收费" there would be a confident wrong fact. A local
 * fee always takes its note: "以…为准" alone does not say what is charged.
 */
function summaryFee(item: CatalogItem): string {
  const note = item.fee.note;
  if (item.fee.amount === 'local' && note) return `${feeLine(item)}（${clip(note, 60)}）`;
  if (item.fee.amount !== 0 || !note || !/按.{0,8}(定价|指导价|收费标准|公示价格)|明码标价|床位费|餐费|服务费|登记费|评估收费/u.test(note)) return feeLine(item);
  return `${feeLine(item)}（${clip(note.replace(/^本(指引|事项)不收费[；，。]?/u, ''), 60)}）`;
}

/** "要带什么": what everyone brings, one short line each; the conditional ones are counted, a button away. */
function materialsAnswer(item: CatalogItem): Block[] {
  const required = item.materials.filter((m) => m.required);
  const optional = item.materials.length - required.length;
  const shown = required.slice(0, MAX_LISTED);
  const blocks: Block[] = [
    plain(`要带这${required.length}样：`),
    { type: 'list', style: 'bullet', items: shown.map((m): Span[] => [{ text: `${clip(shortMaterialName(m), 30)}（${formText(m)}）` }]) },
  ];
  const rest = required.length - shown.length;
  const more = [rest > 0 ? `还有${rest}样必备材料` : '', optional > 0 ? `${optional}样视情况需要的材料` : ''].filter(Boolean);
  if (more.length > 0) blocks.push(plain(`另有${more.join('，')}，点「材料清单」看全部，还能逐项打勾。`));
  if (item.abolishedMaterials.length > 0) {
    blocks.push(plain(`不用再交：${item.abolishedMaterials.map((a) => a.name).join('、')}。`));
  }
  return blocks;
}

function amountAnswer(item: CatalogItem): Block[] {
  if (item.amounts.length === 0) {
    // The money an organisation must hold is often written among its conditions (活动资金不少于10万元).
    const stated = item.conditions.filter((c) => /资金|基金|万元/.test(c));
    if (stated.length > 0) return stated.map(plain);
    return [plain('具体金额各地标准不同，我这里没有准确的数字，不敢乱说。请向办理窗口或拨打 12345 问一下当地现行标准。')];
  }
  return item.amounts.map((a) => plain(`${a.kind}：${a.text}${a.localSource ? `（以${a.localSource}为准）` : ''}`));
}

function whereAnswer(item: CatalogItem, hall: Hall): Block[] {
  const { window, appointment, online } = item.where;
  const blocks = [plain(whereSentence(window))];
  if (appointment) blocks.push(plain(`预约：${appointment}`));
  if (online) blocks.push({ type: 'text', spans: onlineSpans(online, hall.local?.online[item.id]) });
  return blocks;
}

function onlineAnswer(item: CatalogItem, hall: Hall): Block[] {
  const { online, window } = item.where;
  if (!online) return [plain(`这个事项目前不能网上申请，需要${whereSentence(window)}`)];
  return [{ type: 'text', spans: onlineSpans(online, hall.local?.online[item.id]) }];
}

function crossProvinceAnswer(item: CatalogItem): Block[] {
  const cp = item.where.crossProvince;
  if (!cp) return [plain(`这个事项目前没有列入跨省通办，请${whereSentence(item.where.window)}`)];
  return [plain(`可以，${cp.scope}：${cp.note}`)];
}

/** How to check an application's progress: the real local website or phone when supplied, else the hotline. */
export function progressBlocks(hall: Hall): Block[] {
  const local = hall.local;
  return [
    plain('办件进度可以这样查：'),
    {
      type: 'list',
      style: 'bullet',
      items: [
        local?.website
          ? [{ text: '登录' }, { text: '政务服务网', url: local.website }, { text: '「办件查询」，输入受理回执上的受理编号；' }]
          : [{ text: '登录您提交申请的政务服务网或App，在「办件查询」里输入受理回执上的受理编号；' }],
        [{ text: local ? `或带上受理回执，拨打 ${local.phone} 问承办窗口。` : `或带上受理回执，拨打 ${hall.hotline} 政务服务便民热线转承办窗口。` }],
      ],
    },
    plain('我这里查不到具体办件的进度，还请谅解。'),
  ];
}

const memo = memoFor<CatalogItem, readonly Block[]>();

/**
 * The short, specific answer to one aspect of an item (≤ ~8 lines); the rest stays behind buttons.
 * Built once per item, aspect and hall: the blocks are shared, never changed.
 */
export function aspectAnswer(item: CatalogItem, aspect: Aspect, hall: Hall): readonly Block[] {
  return memo(item, `${aspect}:${hallKey(hall)}`, () => buildAspect(item, aspect, hall));
}

/** Hall data that changes what an answer says (local links and phones). */
const hallKeys = new WeakMap<Hall, string>();
let nextHall = 0;
function hallKey(hall: Hall | undefined): string {
  if (!hall) return '-';
  let key = hallKeys.get(hall);
  if (!key) {
    key = String(nextHall++);
    hallKeys.set(hall, key);
  }
  return key;
}

function buildAspect(item: CatalogItem, aspect: Aspect, hall: Hall): Block[] {
  switch (aspect) {
    case 'materials':
      return materialsAnswer(item);
    case 'time': {
      const note = timeNote(item);
      return [plain(`${timeLine(item)}。`), ...(note ? [plain(firstSentence(note))] : [])];
    }
    case 'fee':
      return [plain(feeAnswer(item))];
    case 'amount':
      return amountAnswer(item);
    case 'conditions':
      return conditionsPart(item).slice(1);
    case 'where':
      return whereAnswer(item, hall);
    case 'online':
      return onlineAnswer(item, hall);
    case 'cross-province':
      return crossProvinceAnswer(item);
    case 'steps':
      return [
        { type: 'list', style: 'number', items: item.steps.map((s): Span[] => [{ text: s.name }]) },
        plain('每一步怎么做，点「办理流程」看。'),
      ];
    case 'progress':
      return progressBlocks(hall);
    case 'basis':
      return basisPart(item).slice(1);
    case 'faq':
      return faqPart(item).slice(1);
  }
}

/**
 * A bare item question ("结婚登记"): what it is, what to bring, how long, where and the cost, in a
 * dozen lines; the full guide is a button away. Never congratulates: the person may not qualify.
 */
export function itemSummary(item: CatalogItem, hall?: Hall): readonly Block[] {
  return memo(item, `summary:${hallKey(hall)}`, () => buildSummary(item, hall));
}

function buildSummary(item: CatalogItem, hall?: Hall): Block[] {
  const required = item.materials.filter((m) => m.required);
  const optional = item.materials.length - required.length;
  const names = required.slice(0, 4).map((m) => clip(shortMaterialName(m), 18));
  const bring = `${names.join('、')}${required.length > names.length ? `等${required.length}样` : ''}${optional > 0 ? `；另有${optional}样视情况需要` : ''}`;
  const lines: Block[] = [];
  const summary = withoutCongratulations(item.summary);
  if (summary) lines.push(plain(summary));
  lines.push({ type: 'list', style: 'bullet', items: [
    [{ text: '带什么：', bold: true }, { text: bring }],
    [{ text: '多久：', bold: true }, { text: timeLine(item) }],
    [{ text: '在哪：', bold: true }, { text: item.where.window }],
    [{ text: '收费：', bold: true }, { text: summaryFee(item) }],
    ...item.amounts.slice(0, 2).map((a): Span[] => [{ text: `${a.kind}：`, bold: true }, { text: clip(a.text, 60) }]),
    ...(item.where.online ? [onlineLink(item.where.online, realUrl(hall?.local?.online[item.id]) ?? realUrl(item.where.online.url))] : []),
  ] });
  return lines;
}

/**
 * The online channel, with the first clause of its note: "网上只能预约" must travel with the link, or
 * the summary reads as if the whole item could be done online.
 */
function onlineLink(online: { name: string; note?: string | undefined }, url: string | undefined): Span[] {
  const limit = online.note?.split(/[，；。]/)[0];
  const name = url ? { text: online.name, url } : { text: online.name };
  return [{ text: '网上：', bold: true }, name, ...(limit ? [{ text: `（${limit}）` }] : [])];
}
