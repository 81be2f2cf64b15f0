import { hallContact } from '../catalog/contact.js';
import type { CatalogSnapshot } from '../catalog/types.js';
import { progressBlocks } from './direct.js';
import type { Action, Answer, Block } from './types.js';

const plain = (t: string): Block => ({ type: 'text', spans: [{ text: t }] });

export const HELP_LINES = [
  '我是民政政务服务助手，可以帮您：',
  '• 查办事指南：直接说您要办的事，比如「结婚登记要带什么」「低保怎么申请」「协会换法人」',
  '• 接着问：「要多久」「在哪办」「收费吗」「网上能办吗」',
  '• 年检提醒：发送 /subscribe 订阅社会组织年检（年报）提醒，/mine 查看，/unsubscribe 退订',
  '• 找人工：说「转人工」；有意见可以说「我要投诉」',
  '',
  '也可以点下面的分类，一步步找到事项。',
];

/** One button per category, two a row. */
export function categoryActions(snapshot: CatalogSnapshot): Action[][] {
  const rows: Action[][] = [];
  snapshot.categories.forEach((c, index) => {
    if (index % 2 === 0) rows.push([]);
    rows.at(-1)?.push({ type: 'category', index, label: `${c.name}（${c.items.length}）` });
  });
  return rows;
}

const simple = (blocks: Block[], actions: Action[][] = []): Answer => ({ kind: 'system', blocks, actions, notes: [] });

/**
 * Replies to the system intents that need no dialog: greeting, help, thanks, praise, goodbye, the
 * hall's contact, a handoff to a person, progress. Undefined for those a channel runs as a dialog.
 */
export function systemAnswer(intent: string, question: string, snapshot: CatalogSnapshot): Answer | undefined {
  const hall = snapshot.hall;
  switch (intent) {
    case 'greeting':
      return simple([plain(`您好！欢迎咨询${hall.name}。`), plain(HELP_LINES.join('\n'))], categoryActions(snapshot));
    case 'help':
      return simple([plain(HELP_LINES.join('\n'))], categoryActions(snapshot));
    case 'thanks':
      return simple([plain('不客气，能帮上忙就好！还有其他问题随时问我。')]);
    case 'praise':
      return { ...simple([plain('谢谢您的肯定！我们会继续把服务做好，有需要随时找我。')]), notes: [{ kind: 'praise', question, candidates: [] }] };
    case 'goodbye':
      return simple([plain('好的，祝您办事顺利，再见！有需要随时找我。')]);
    case 'office-info':
      return simple([{ type: 'contact', contact: hallContact(hall) }]);
    case 'human-handoff':
      return {
        ...simple([
          plain('好的，请直接联系窗口工作人员，他们会当面或电话为您解答：'),
          { type: 'contact', contact: hallContact(hall) },
        ]),
        rating: { intent, kind: 'handoff' },
      };
    case 'bot-identity':
      // Said plainly, with the way to a person right there: nobody should think a clerk is typing.
      return simple([
        plain(`我是${hall.name}的自动问答助手（机器人），不是真人。我按公开的办事指南回答，拿不准的会直接告诉您。`),
        plain('想找工作人员，可以说「转人工」，或直接联系：'),
        { type: 'contact', contact: hallContact(hall) },
      ]);
    case 'progress-query':
      return simple(progressBlocks(hall));
    default:
      return undefined;
  }
}
