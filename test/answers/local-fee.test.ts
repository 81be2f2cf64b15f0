import { beforeAll, describe, expect, it } from 'vitest';
import { composeAnswer, type AnswerSources } from '../../src/answers/compose.js';
import { partAnswer } from '../../src/answers/parts.js';
import type { Answer } from '../../src/answers/types.js';
import { renderAnswerHtml } from '../../src/bot/render/answer-html.js';
import { itemOf, match, plainText, shippedSources } from './helpers.js';

let sources: AnswerSources;
beforeAll(async () => {
  sources = await shippedSources();
});

const ask = (q: string, intent: string, aspect?: 'fee'): Answer => {
  const a = composeAnswer(q, match({ query: q, intent, outcome: 'item', ...(aspect ? { aspect } : {}) }), sources);
  if (!a) throw new Error('no answer');
  return a;
};
const feeLines = (text: string): string[] => text.split('\n').filter((l) => l.includes('收费'));
const html = (a: Answer): string => renderAnswerHtml(a).join('\n');

describe('涉外收养登记: the 收养登记费 stopped since 1 April 2017 (财税〔2017〕20号), other charges asked of who sets them', () => {
  it('answers "要交钱吗" with the stopped 登记费 and where to ask about the service and certification fees', () => {
    const a = ask('外国人来华收养要交钱吗', 'adoption.foreign', 'fee');
    const text = plainText(a);
    expect(text).toContain('不收费。收养登记费自2017年4月1日起停征；中国收养组织的服务费和文件公证、认证费用另按规定，以有关机构告知为准。');
    // The earlier card asked foreign adopters to pay a 登记费 at a standard nobody could name.
    expect(text).not.toContain('交纳登记费');
    // The Telegram HTML (which the web and terminal chats show too) says the same.
    expect(html(a)).toContain('收养登记费自2017年4月1日起停征');
    expect(html(a)).not.toContain('交纳登记费');
  });

  it('shows the same in the summary card and the 时限和收费 part, with the fee rule it rests on', () => {
    const summary = feeLines(plainText(ask('涉外收养登记', 'adoption.foreign')));
    expect(summary).toEqual(['• 收费：不收费（收养登记费自2017年4月1日起停征；中国收养组织的服务费和文件公证、认证费用另按规定，以有关机构告知为准。）']);
    const part = plainText(partAnswer(itemOf(sources, 'adoption.foreign'), 'time-fee', sources));
    expect(feeLines(part).join('\n')).toContain('收费：不收费。收养登记费自2017年4月1日起停征');
    const basis = plainText(partAnswer(itemOf(sources, 'adoption.foreign'), 'basis', sources));
    expect(basis).toContain('财税〔2017〕20号');
    expect(basis).toContain('价费字〔1992〕349号');
  });
});

describe('other fees the catalog can only say are set locally', () => {
  it.each([
    ['place-name.house-number', '以当地门牌管理规定为准（门牌编制一般不收费，门牌制作费用按当地规定。）'],
    ['elderly.ability-assessment', '以当地公布的标准为准（为申请政府补贴开展的评估一般由政府购买服务、不向老人收费；养老机构自行组织的评估收费按其规定。）'],
  ])('%s leads its summary fee line with the local standard, not a bare 不收费', (id, line) => {
    expect(feeLines(plainText(ask(itemOf(sources, id).name, id)))).toContain(`• 收费：${line}`);
  });

  it('leaves 不收费 to items whose fee note never asks the applicant to pay (交纳 / 缴纳 a fee)', () => {
    const contradicting = sources.snapshot.items.filter((i) => i.fee.amount === 0 && /[交缴]纳.{0,6}费/u.test(i.fee.note ?? ''));
    expect(contradicting.map((i) => i.id)).toEqual([]);
  });
});
