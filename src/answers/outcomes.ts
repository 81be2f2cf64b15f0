import { hallContact } from '../catalog/contact.js';
import type { Hall } from '../catalog/schema.js';
import type { CatalogSnapshot } from '../catalog/types.js';
import type { MatchResult, ReferralHit } from '../matching/types.js';
import type { Action, Answer, Block } from './types.js';

const plain = (t: string): Block => ({ type: 'text', spans: [{ text: t }] });
const MENU: Action = { type: 'menu', label: '🏠 按分类查找' };

/** Ask back: the candidates as buttons, never a guess. */
export function clarifyAnswer(question: string, match: MatchResult, snapshot: CatalogSnapshot): Answer {
  const items = match.candidates.map((c) => snapshot.byId.get(c.intent)).filter((i) => i !== undefined);
  return {
    kind: 'clarify',
    blocks: [plain('您要办的是哪一项？请点一下：')],
    actions: [...items.map((i): Action[] => [{ type: 'item', item: i.id, label: i.name }]), [MENU]],
    notes: [{ kind: 'clarify', question, candidates: match.candidates.map((c) => c.intent) }],
  };
}

/**
 * Another department's business: name it and what to ask there. No 民政 hall block: the person needs
 * the other department, not us.
 */
export function referralAnswer(question: string, referral: ReferralHit, hall: Hall): Answer {
  const known = hall.referrals.find((r) => r.topic === referral.topic && r.department === referral.department);
  const blocks: Block[] = [
    { type: 'text', spans: [{ text: '这件事归' }, { text: referral.department, bold: true }, { text: '管，不在民政的办理范围。' }] },
  ];
  if (known) blocks.push(plain(known.hint));
  if (!known?.hint.includes(hall.hotline)) blocks.push(plain(`去之前拿不准的，可以拨打 ${hall.hotline} 政务服务便民热线，问清「${referral.topic}」要带什么、去哪个窗口。`));
  return {
    kind: 'referral',
    blocks,
    actions: [[MENU]],
    notes: [{ kind: 'unanswered', question, candidates: [], topic: referral.topic }],
  };
}

/** 民政 business we hold no guide for: say so plainly, give the hall, and tell the managers. */
export function gapAnswer(question: string, topic: string, hall: Hall): Answer {
  return {
    kind: 'gap',
    blocks: [
      plain(`「${topic}」是民政的业务，但我这里还没有整理它的办事指南，不敢凭印象告诉您，免得让您白跑。请直接问工作人员：`),
      { type: 'contact', contact: hallContact(hall) },
    ],
    actions: [[MENU]],
    notes: [{ kind: 'gap', question, candidates: [], topic }],
  };
}

/** Nothing fits well enough: say so, suggest how to ask, and how to reach a person. */
export function unknownAnswer(question: string, hall: Hall): Answer {
  return {
    kind: 'unknown',
    blocks: [
      plain('这个问题我没能对上具体的办事事项，怕说错耽误您的事。可以换个说法再问我，比如「低保怎么申请」，或者点下面按分类找。需要人工帮助的话：'),
      { type: 'contact', contact: hallContact(hall) },
    ],
    actions: [[MENU]],
    notes: [{ kind: 'unanswered', question, candidates: [] }],
  };
}
