import { isSetNationally, NOT_SET_NATIONALLY, type AbolishedMaterial, type Material, type TimeLimit } from '../catalog/schema.js';
import type { CatalogItem } from '../catalog/types.js';
import type { Span } from './types.js';

/** "20个工作日", "当场办结" …; a limit no national text sets reads "国家没有统一规定". */
export function formatTimeLimit(limit: TimeLimit): string {
  switch (limit.type) {
    case '工作日':
      return `${limit.days}个工作日`;
    case '自然日':
      return `${limit.days}天`;
    case '现场办结':
    case '即时办结':
      return limit.type === '现场办结' ? '当场办结' : '即时办结';
    case NOT_SET_NATIONALLY:
      return '国家没有统一规定';
  }
}

/** Where a person learns a limit no national text sets: the local hall's published guide. */
const GO_LOCAL = '以当地公布的为准';

const onTheSpot = (limit: TimeLimit): boolean => limit.type === '现场办结' || limit.type === '即时办结';

/**
 * One line for the time limits: the promise first (what a person can count on), the law's limit beside
 * it. A limit no national text sets is never given a number: "国家没有统一规定，以当地公布的为准", or the
 * law's limit with the promise left to the local hall.
 */
export function timeLine(item: CatalogItem): string {
  const { statutory, promised } = item.timeLimit;
  if (!isSetNationally(promised)) {
    if (!isSetNationally(statutory)) return `国家没有统一规定，${GO_LOCAL}`;
    const s = formatTimeLimit(statutory);
    return onTheSpot(statutory) ? s : `法定${s}内办结，各地承诺的时限${GO_LOCAL}`;
  }
  const p = formatTimeLimit(promised);
  const promise = onTheSpot(promised) ? p : `承诺${p}内办结`;
  if (!isSetNationally(statutory)) return `${promise}（国家没有统一规定法定时限）`;
  const s = formatTimeLimit(statutory);
  if (p === s) return onTheSpot(promised) ? p : `${p}内办结`;
  return `${promise}（法定时限${s}）`;
}

/**
 * The time limits as the guide card's line: 承诺 and 法定 side by side where both are set; one
 * "办理时限" sentence where neither is, never "法定时限：未统一规定天".
 */
export function timeLimitLine(item: CatalogItem): string {
  const { statutory, promised } = item.timeLimit;
  const p = formatTimeLimit(promised);
  const s = formatTimeLimit(statutory);
  if (!isSetNationally(promised)) {
    return isSetNationally(statutory) ? `法定时限：${s}；承诺时限：各地不同，${GO_LOCAL}` : `办理时限：国家没有统一规定，${GO_LOCAL}`;
  }
  return `承诺时限：${p}；法定时限：${s}`;
}

/** A clause that only says what the time line already says: no national limit, go by the local rule. */
const RESTATES_NOT_SET = [/未(?:统一|单独)?规定/u, /^以(?:当地|本地|本省)的?(?:规定|公布的?)为准[，；。]?$/u];

/**
 * The time-limit note as shown under the time line. Where no national text sets the statutory limit the
 * line already says "国家没有统一规定，以当地公布的为准", so clauses of the note saying only that
 * ("国家未统一规定时限，以当地规定为准。") are left out, and a note with nothing else is not shown.
 * Clauses inside brackets are kept whole.
 */
export function timeNote(item: CatalogItem): string | undefined {
  const note = item.timeLimit.note?.trim();
  if (!note) return undefined;
  if (isSetNationally(item.timeLimit.statutory)) return note;
  const clauses = note.match(/[^，；。]+[，；。]?/gu) ?? [];
  const kept = clauses.filter((c) => /[（）()]/u.test(c) || !RESTATES_NOT_SET.some((re) => re.test(c)));
  if (kept.length === 0) return undefined;
  const text = kept.join('').replace(/[，；]$/u, '');
  return /[。！？]$/u.test(text) ? text : `${text}。`;
}

/**
 * The fee as a sentence: "不收费。" plus the note, unless the note only says the same again. A local
 * fee always keeps its note: it says what may be charged.
 */
export function feeSentence(item: CatalogItem): string {
  const note = item.fee.note?.trim();
  const sameAgain = note !== undefined && item.fee.amount === 0 && /^[^，。；]{0,12}不收(取任何)?费用?。?$/u.test(note);
  if (!note || sameAgain) return `${feeLine(item)}。`;
  return `${feeLine(item)}。${/[。！？]$/u.test(note) ? note : `${note}。`}`;
}

/**
 * A link to show a citizen, or nothing: addresses on the reserved example domains (RFC 2606) are
 * placeholders, never facts, so they are not shown.
 */
export function realUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname;
    return /(^|\.)example(\.[a-z]+)*$/i.test(host) || /\.(example|invalid|test)$/i.test(host) ? undefined : url;
  } catch {
    return undefined;
  }
}

/** The fee in a few words: 不收费, the amount, or where the local amount is stated (以当地公布的标准为准). */
export function feeLine(item: CatalogItem): string {
  const { amount, localSource } = item.fee;
  if (amount === 'local') return `以${localSource ?? '当地公布的标准'}为准`;
  return amount === 0 ? '不收费' : `${amount}元`;
}

/** The answer to "收费吗": the fee sentence, with its subject when it does not say 不收费 or an amount. */
export function feeAnswer(item: CatalogItem): string {
  return item.fee.amount === 'local' ? `收费${feeSentence(item)}` : feeSentence(item);
}

/** "原件1份", "复印件2份", "电子材料". */
export function formText(m: Material): string {
  if (m.form === '电子材料') return '电子材料';
  if (m.form === '原件' && m.copies === 1) return '原件';
  return `${m.form}${m.copies}份`;
}

/**
 * A material as spans. The condition is its own clause after a colon: catalog conditions carry their
 * own punctuation ("变更开办资金的；增加的…"), so wrapping them in parentheses doubled them.
 */
export function materialSpans(m: Material): Span[] {
  const spans: Span[] = [{ text: m.name }, { text: `（${formText(m)}）` }];
  if (!m.required && m.condition) spans.push({ text: `：${m.condition}`, italic: true });
  const template = realUrl(m.template);
  if (template) spans.push({ text: ' 范本', url: template });
  return spans;
}

/** A date such as 2025-05-10 as 2025年5月10日. */
function chineseDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : undefined;
}

/**
 * "已不用交" with when: a date reads "2025年5月10日起取消"; a phrase that already says 取消 is kept
 * as written; anything else gets "取消" after it. No nested parentheses either way.
 */
export function abolishedSpans(a: AbolishedMaterial): Span[] {
  const date = chineseDate(a.since);
  const since = date ? `${date}起取消` : a.since.includes('取消') ? a.since : `${a.since}取消`;
  return [{ text: a.name, strike: true }, { text: ` 不用再交 · ${since}` }];
}

/** A material's short name for one-line summaries: the form's title in 《》 when the name has one. */
export function shortMaterialName(m: Material): string {
  const titled = /（(《[^》]+》)）$/.exec(m.name);
  return titled?.[1] ?? m.name;
}

/** The first sentence of a long text, for one-line answers (the rest is a button away). */
export function firstSentence(text: string): string {
  const m = /^.+?[。！？](?=.)/u.exec(text);
  return m ? m[0] : text;
}

/** "信息核对于 2025年6月1日，以窗口最新要求为准。" */
export function checkedNote(item: CatalogItem): string {
  return `信息核对于 ${chineseDate(item.lastChecked) ?? item.lastChecked}，以窗口最新要求为准。`;
}

/** "到…办理。" without doubling a 办理 or a 到 the catalog's window text already has. */
export function whereSentence(window: string): string {
  const w = window.replace(/[。；;，,\s]+$/u, '');
  if (/办理$|办$/.test(w)) return `${/^(到|在|向)/.test(w) ? '' : '到'}${w}。`;
  return `${/^(到|在|向)/.test(w) ? '' : '到'}${w}办理。`;
}

/** The online service as spans: its name (linked when the link is real) and what it can do. */
export function onlineSpans(online: NonNullable<CatalogItem['where']['online']>, localUrl?: string): Span[] {
  const url = realUrl(localUrl) ?? realUrl(online.url);
  const spans: Span[] = [{ text: '网上渠道：' }, url ? { text: online.name, url } : { text: online.name }];
  if (online.note) spans.push({ text: `。${online.note}` });
  return spans;
}

