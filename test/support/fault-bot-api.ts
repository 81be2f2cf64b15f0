/**
 * A small fault-injecting Bot API on loopback, for network-fault tests and the kill -9 soak:
 * answers getMe/deleteWebhook/setMyCommands/getUpdates/sendMessage like Telegram, records every
 * sendMessage it ACCEPTED, and lets a test script faults per call: drop the connection after
 * accepting the message, answer an error code, or hold the answer.
 *
 *   const api = await startFaultBotApi();
 *   api.script = (call) => (call.method === 'sendMessage' && call.n === 1 ? { drop: true } : undefined);
 *   ... TELEGRAM_API_ROOT = api.apiRoot ...
 *   api.accepted  // every sendMessage body taken, dropped answers included
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultCall {
  method: string;
  body: Record<string, unknown>;
  /** 1-based count of calls of this method so far. */
  n: number;
}

export interface Fault {
  /** Accept (and record) the call, then destroy the socket without an answer. */
  drop?: boolean;
  /** Answer this Bot API error instead. */
  error?: { code: number; description: string; retryAfter?: number };
  /** Answer after this many ms. */
  delayMs?: number;
}

export interface FaultBotApi {
  readonly apiRoot: string;
  readonly accepted: { chatId: number; text: string }[];
  readonly calls: FaultCall[];
  script: (call: FaultCall) => Fault | undefined;
  /** Updates handed out by the next getUpdates. */
  queueUpdates(updates: unknown[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  if (!raw) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function startFaultBotApi(): Promise<FaultBotApi> {
  const counts = new Map<string, number>();
  const accepted: FaultBotApi['accepted'] = [];
  const calls: FaultCall[] = [];
  let updates: unknown[] = [];
  let messageId = 0;
  const api: FaultBotApi = {
    apiRoot: '',
    accepted,
    calls,
    script: () => undefined,
    queueUpdates(u) {
      updates.push(...u);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      const body = await readBody(req);
      const n = (counts.get(method) ?? 0) + 1;
      counts.set(method, n);
      const call = { method, body, n };
      calls.push(call);
      const fault = api.script(call);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.error) {
        const { code, description, retryAfter } = fault.error;
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) }));
        return;
      }
      if (method === 'sendMessage') accepted.push({ chatId: Number(body.chat_id), text: String(body.text ?? '') });
      if (fault?.drop) {
        req.socket.destroy();
        return;
      }
      let result: unknown = true;
      if (method === 'getMe') result = { id: 42, is_bot: true, first_name: 'fault', username: 'fault_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      else if (method === 'getUpdates') {
        result = updates;
        updates = [];
        if ((result as unknown[]).length === 0) await new Promise((r) => setTimeout(r, 50));
      } else if (method === 'sendMessage') {
        result = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  (api as { apiRoot: string }).apiRoot = `http://127.0.0.1:${port}`;
  return api;
}
