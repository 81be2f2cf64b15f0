import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** The path before /bot<token>: give each process its own apiRoot (`${url}/p1`) to tell who called. */
  via: string;
}

export interface FakeBotApi {
  /** apiRoot for grammY (no trailing slash). */
  url: string;
  calls: RecordedCall[];
  /** sendMessage calls per chat id. */
  messagesTo(chatId: number): RecordedCall[];
  close(): Promise<void>;
}

/**
 * A small Bot API on loopback for multi-process tests: answers every method the bot uses the way
 * Telegram does (ok + result) and records each call. `latencyMs` delays every sendMessage, so a
 * reminder pass lasts long enough to be interrupted.
 */
export async function startFakeBotApi(options: { latencyMs?: number } = {}): Promise<FakeBotApi> {
  const calls: RecordedCall[] = [];
  let messageId = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      const via = (req.url ?? '').split('/bot')[0] ?? '';
      let payload: Record<string, unknown> = {};
      try {
        payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        payload = {};
      }
      const reply = (result: unknown): void => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      };
      if (method === 'getMe') {
        reply({ id: 4242, is_bot: true, first_name: '民政服务助手', username: 'minzheng_multi_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
        return;
      }
      calls.push({ method, payload, at: Date.now(), via });
      if (method === 'sendMessage') {
        const id = ++messageId;
        setTimeout(() => reply({ message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: payload.chat_id, type: 'private' }, text: payload.text }), options.latencyMs ?? 0);
        return;
      }
      reply(true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    messagesTo: (chatId) => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
