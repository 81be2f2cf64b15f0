import type { ReminderSender } from '../reminders/service.js';

/** In the terminal chat a reminder is printed, buttons included, instead of sent. */
export function terminalSender(print: (text: string) => void): ReminderSender {
  return {
    async send(chatId, message) {
      const buttons = message.buttons.map((row) => row.map((b) => `[${b.text}]`).join(' ')).join('\n');
      print(`\n⏰ 提醒（发往会话 ${chatId}）：\n${message.text}\n${buttons}\n`);
      return { status: 'ok' };
    },
  };
}
