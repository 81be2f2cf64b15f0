import type { UserFromGetMe } from 'grammy/types';

/**
 * A fixed bot identity for running without Telegram (terminal chat, tests, benchmarks): with it,
 * grammY needs no getMe call before handling updates.
 */
export function localBotInfo(username: string, id = 1): UserFromGetMe {
  return {
    id,
    is_bot: true,
    first_name: '民政服务助手',
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}
