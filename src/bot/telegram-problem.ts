import { GrammyError, HttpError } from 'grammy';
import { networkErrorCode } from './network-errors.js';

/**
 * A person-readable account of why Telegram refused the bot at start-up or stopped its polling, with
 * what to do; undefined for errors that are not Telegram's answer (those keep their own message).
 */
export function telegramProblem(error: unknown): string | undefined {
  if (error instanceof GrammyError) {
    if (error.error_code === 401) {
      return 'Telegram 拒绝了 BOT_TOKEN（401 Unauthorized）：令牌有误或已被撤销。请在 @BotFather 核对或重新生成令牌，改好 BOT_TOKEN 后重启。';
    }
    if (error.error_code === 404) {
      return 'Telegram 找不到这个机器人（404 Not Found）：BOT_TOKEN 格式不对，或 TELEGRAM_API_ROOT 指错了地址。请核对后重启。';
    }
    if (error.error_code === 409) {
      return (
        '另一个程序一直在用同一个 BOT_TOKEN 接收消息（409 Conflict），等待 POLLING_CONFLICT_GIVE_UP_SECONDS 秒后仍未停止，本实例已退出并释放数据目录。' +
        '请只保留一个实例（检查其他容器、服务器或本机进程），或为它们配置不同的机器人令牌。'
      );
    }
    return `Telegram 返回错误 ${error.error_code}：${error.description}`;
  }
  if (error instanceof HttpError) {
    const code = networkErrorCode(error);
    return `连不上 Telegram（${code ?? error.message}）。请检查网络、代理或 TELEGRAM_API_ROOT，然后重启。`;
  }
  return undefined;
}
