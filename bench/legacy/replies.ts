import { findReferral } from '../../src/catalog/find-referral.js';
import { hallContact } from '../../src/catalog/contact.js';
import type { CatalogSnapshot } from '../../src/catalog/types.js';
import type { MatchResult } from '../../src/matching/types.js';
import { escapeHtml as e } from '../../src/bot/render/html.js';
import { renderCard } from './card.js';

/** main's contact block (src/bot/reply/hall-text.ts before #11). */
function contactText(snapshot: CatalogSnapshot): string {
  const c = hallContact(snapshot.hall);
  return [`🏛 <b>${e(c.title)}</b>`, ...c.lines.map((l) => `${e(l.label)}：${e(l.value)}`)].join('\n');
}

/**
 * What main replied to a first question (no conversation yet), as HTML messages: the full card for an
 * item, the clarification line, or the out-of-scope text with the hall block. System intents are left
 * out (undefined): their texts did not change.
 */
export function legacyReply(question: string, result: MatchResult, snapshot: CatalogSnapshot): string[] | undefined {
  if (result.clarify && result.candidates.length > 1) return ['您要办的是哪一项？请点一下：'];
  if (!result.intent) {
    const referral = findReferral(snapshot.hall, result.normalized) ?? findReferral(snapshot.hall, question);
    const where = referral
      ? `这个问题属于<b>${e(referral.department)}</b>的业务：${e(referral.hint)}`
      : '这个问题我暂时没能对上民政的办事事项，可能不在民政业务范围内，或者我没理解准确。';
    return [`${where}\n\n您可以换个说法再问我，或点「/menu」按分类查找；需要人工帮助的话：\n\n${contactText(snapshot)}`];
  }
  const item = snapshot.byId.get(result.intent);
  return item ? renderCard(item, result.aspect, false) : undefined;
}
