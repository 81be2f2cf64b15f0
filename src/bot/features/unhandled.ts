import { LeanComposer } from '../lean-composer.js';
import type { BotContext } from '../context.js';

const composer = new LeanComposer<BotContext>();
const privateChat = composer.chatType('private');

privateChat.on('edited_message', async (ctx) => {
  await ctx.reply('看到您修改了消息。修改后的内容我不会重新处理，请把问题重新发一遍，我马上为您解答。');
});

privateChat.on('message:voice', async (ctx) => {
  await ctx.reply('抱歉，我暂时听不了语音，请用文字描述您要办的事，比如「结婚登记要带什么」。');
});

privateChat.on(['message:photo', 'message:document', 'message:video', 'message:video_note', 'message:audio'], async (ctx) => {
  await ctx.reply('收到您的文件了，不过我不查看图片和附件，也请不要在这里发送证件照片。请用文字告诉我您要办的事。');
});

privateChat.on('message:sticker', async (ctx) => {
  await ctx.reply('😊 收到！有什么要办的事，直接打字问我就行。');
});

privateChat.on('message:text', async (ctx) => {
  // Only unknown /commands reach here: every other text is a question.
  await ctx.reply('这个命令我不认识。可以发 /help 看看我能做什么，或直接用文字提问。');
});

privateChat.on('callback_query:data', async (ctx) => {
  await ctx.answerCallbackQuery({ text: '这个按钮已失效，请重新提问或发送 /menu。' });
});

privateChat.on('message', async (ctx) => {
  await ctx.reply('这类消息我暂时处理不了，请用文字描述您的问题，或发送 /help 查看帮助。');
});

export { composer as unhandledFeature };
