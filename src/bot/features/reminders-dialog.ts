import { normaliseCreditCode } from '../../reminders/credit-code.js';
import type { OrgKind } from '../../reminders/types.js';

/** What a message typed during /subscribe is, judged before it is taken as the step's answer. */
export type DialogReply =
  | { kind: 'answer'; text: string }
  | { kind: 'code-help' }
  | { kind: 'kind'; orgKind: OrgKind }
  | { kind: 'cancel' }
  | { kind: 'question' };

const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;
/** Words that stop the dialog when they are all the person says. */
const CANCEL = /^(算了|不了|不用了|不要了|不订了|不订阅了|取消|取消订阅|先不订了|以后再说|没事了)[。.!！吧啊]*$/;
/** Cues no organisation's name contains: the person is asking something else. */
const QUESTION =
  /[？?]|^(算了|不了|不用了|不订了|先不|换个问题|对了)|请问|问一?下|想问|咨询一?下|怎么|怎样|如何|什么|哪里|哪儿|多少|多久|能不能|可不可以|是不是|[吗呢么]$/;
const CODE_TALK = /代码|信用|证书|不知道|在哪|找不到|没有/;
/** A question that mentions 证书 or 没有 but is about another matter (结婚证, 户口 …). */
const QUESTION_ELSEWHERE = /结婚|离婚|婚姻|低保|救助|养老|殡葬|收养|残疾|户口|身份证/;
/** A kind typed instead of pressed: only the kinds' own words, never a name like "某某协会". */
const KIND_WORDS: readonly (readonly [OrgKind, RegExp])[] = [
  ['基金会', /^(是|选)?基金会$/],
  ['民办非企业单位', /^(是|选)?(民办非企业单位?|民非|社会服务机构)$/],
  ['社会团体', /^(是|选)?(社会团体|社团)$/],
  ['慈善组织', /^(是|选)?慈善组织$/],
];

/**
 * Sorts a message typed during the /subscribe dialog: an answer to the current step (a code, a kind,
 * a name), a plain "never mind", or a question about something else that should leave the dialog and
 * be answered like any question. A code is never Chinese text, so Chinese in the code step is a
 * question unless it carries a code or talks about the code.
 */
export function readDialogReply(text: string, step: string): DialogReply {
  const t = text.trim();
  if (CANCEL.test(t)) return { kind: 'cancel' };
  if (step === 'code') {
    if (!HAN.test(t)) return { kind: 'answer', text: t };
    // "代码是 5133 0000 MJ00 …": take the code out of the sentence.
    const code = /[0-9A-Z]{15,20}/.exec(normaliseCreditCode(t).replace(HAN_ALL, ' ').replace(/[^0-9A-Z ]/g, ' '))?.[0];
    if (code) return { kind: 'answer', text: code };
    return CODE_TALK.test(t) && !QUESTION_ELSEWHERE.test(t) ? { kind: 'code-help' } : { kind: 'question' };
  }
  if (step === 'kind') {
    const bare = t.replace(/[。.!！]+$/, '');
    const kind = KIND_WORDS.find(([, re]) => re.test(bare))?.[0];
    if (kind) return { kind: 'kind', orgKind: kind };
    // Anything else that is no question gets the buttons again.
    return QUESTION.test(t) ? { kind: 'question' } : { kind: 'answer', text: t };
  }
  return QUESTION.test(t) ? { kind: 'question' } : { kind: 'answer', text: t };
}
