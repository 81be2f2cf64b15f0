import { LeanComposer } from '../lean-composer.js';
import type { BotContext } from '../context.js';

const composer = new LeanComposer<BotContext>();

// Channel posts carry no person to answer: ignore them quietly.
composer.on(['channel_post', 'edited_channel_post'], () => undefined);

/**
 * In groups the bot answers only when addressed (a command or a mention), and then asks to talk in
 * private: questions about 低保 or divorce are personal, and a group would see them.
 */
// The managers' group is where cases arrive and are worked on: let it through to the manager feature.
const groups = composer.chatType(['group', 'supergroup']).filter((ctx) => ctx.chat.id !== ctx.deps.config.MANAGER_CHAT_ID);

groups.on('message', async (ctx) => {
  const text = ctx.message.text ?? '';
  const username = ctx.me.username;
  const addressed =
    text.startsWith('/') ||
    text.includes(`@${username}`) ||
    ctx.message.reply_to_message?.from?.id === ctx.me.id;
  if (!addressed) return;
  await ctx.reply(`为保护您的隐私，请点 @${username} 私聊我咨询办事事项。`, {
    reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
  });
});

// Group callback presses and other group updates: nothing to do.
groups.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery({ text: '请私聊我继续办理。' });
});

export { composer as chatScopeFeature };
