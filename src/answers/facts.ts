/** What a person said about themselves that a rule can be checked against. */
export interface StatedFacts {
  /** An age in years ("19岁", "八十五岁"). */
  age?: number;
  /** Whose age it is, when the words say: 女朋友 → female, 男朋友 → male. */
  sex?: 'male' | 'female';
  /** Individual and unit members ("50个会员", "30家单位会员"). */
  individualMembers?: number;
  unitMembers?: number;
  /** A sum of money in yuan ("300万", "两百万元"). */
  amountYuan?: number;
  /** Variants a rule may depend on, named in the question (公募 / 非公募, 全国性 / 地方性). */
  variants: ('public' | 'non-public' | 'national' | 'local')[];
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses "19", "十九", "八十五", "一百零二", "三百" (up to 9999); undefined if not a number. */
export function parseNumber(raw: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Number(raw);
  let total = 0;
  let digit: number | undefined;
  for (const ch of raw) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in UNIT) {
      total += (digit ?? 1) * (UNIT[ch] ?? 1);
      digit = undefined;
    } else return undefined;
  }
  return raw.length === 0 ? undefined : total + (digit ?? 0);
}

const NUM = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)';
const FEMALE = /女朋友|女友|女方|未婚妻|对象是女|她|女儿|闺女|我妈|奶奶|外婆|姥姥|老太太/;
const MALE = /男朋友|男友|男方|未婚夫|他|儿子|我爸|爷爷|外公|姥爷|老爷子/;

/**
 * Extracts the facts a question states: an age, whose age (sex words), member counts and an amount of
 * money. Only what is written; nothing is guessed.
 */
export function extractFacts(question: string): StatedFacts {
  const facts: StatedFacts = { variants: variantsOf(question) };
  // Most questions state no number at all: skip the number patterns then.
  if (!/[\d零〇一二两三四五六七八九十百千]/.test(question)) return facts;
  const age = new RegExp(`${NUM}\\s*(?:周岁|岁)`).exec(question);
  if (age?.[1]) facts.age = parseNumber(age[1]);
  else {
    const old = /([零〇一二两三四五六七八九十]+)多岁/.exec(question);
    if (old?.[1]) facts.age = parseNumber(old[1]);
  }
  const female = FEMALE.exec(question);
  const male = MALE.exec(question);
  if (female && (!male || female.index < male.index)) facts.sex = 'female';
  else if (male) facts.sex = 'male';
  const unit = new RegExp(`${NUM}\\s*(?:个|家|名)?\\s*(?:单位会员|会员单位|单位)`).exec(question);
  if (unit?.[1]) facts.unitMembers = parseNumber(unit[1]);
  const individual = new RegExp(`${NUM}\\s*(?:个|名|位)?\\s*(?:个人会员|会员|人)`).exec(question);
  if (individual?.[1] && individual.index !== unit?.index) facts.individualMembers = parseNumber(individual[1]);
  const money = new RegExp(`${NUM}\\s*(万|亿)?\\s*(?:元|块)`).exec(question) ?? new RegExp(`${NUM}\\s*(万|亿)`).exec(question);
  if (money?.[1]) {
    const n = parseNumber(money[1]);
    if (n !== undefined) facts.amountYuan = n * (money[2] === '亿' ? 1e8 : money[2] === '万' ? 1e4 : 1);
  }
  return facts;
}

function variantsOf(q: string): StatedFacts['variants'] {
  const out: StatedFacts['variants'] = [];
  if (/非公募|不公募|不公开募捐|不向公众募捐/.test(q)) out.push('non-public');
  else if (/公募|公开募捐/.test(q)) out.push('public');
  if (/全国/.test(q)) out.push('national');
  else if (/地方性|省级|市级|县级|本省|本市/.test(q)) out.push('local');
  return out;
}
