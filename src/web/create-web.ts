import type { Hono } from 'hono';
import type { UserFromGetMe } from 'grammy/types';
import type { BotDeps } from '../bot/context.js';
import type { RateLimiterFactory } from '../http/rate-limit.js';
import { webPublicUrl } from '../config.js';
import { channelOfChat } from '../ratings/channel.js';
import { loadWebAssets, mountAssets, type WebAssets } from './assets.js';
import { createWebBridge, type WebBridge } from './bridge.js';
import { mountChat } from './chat-routes.js';
import { createConsoleLinks, type ConsoleLinks } from './console/links.js';
import { mountConsole } from './console/routes.js';
import { createConsoleSessions } from './console/sessions.js';
import type { ConsoleSignInStore } from './console/sign-in-store.js';
import { openWebIdAllocator, type WebIdAllocator } from './session-ids.js';
import type { WebSessionStore } from './sessions.js';
import { createSigner } from './signing.js';

export interface WebChannel {
  bridge: WebBridge;
  links: ConsoleLinks;
  assets: WebAssets;
  /** Adds the chat page, /api/v1, /assets and /console to the process's HTTP app. */
  mount(app: Hono): void;
}

/** What the web channel keeps beyond a request, when it is shared by several instances (PostgreSQL). */
export interface WebStores {
  ids: WebIdAllocator;
  signIn: ConsoleSignInStore;
  /** The web chat's messages and documents, so a poll on any instance sees what another wrote. */
  sessions: WebSessionStore;
  /** The web routes' per-IP and per-session counts, summed over all instances. */
  rateLimiters: RateLimiterFactory;
}

export interface WebChannelOptions {
  /** Without: web chat ids from a file in DATA_DIR; conversations, sign-ins and rate limits in memory (one instance). */
  stores?: WebStores;
  deps: BotDeps;
  botInfo: UserFromGetMe;
  /** The real Bot API for non-web chats (the managers' group), when connected to Telegram. */
  forward?: (method: string, payload: Record<string, unknown>) => Promise<unknown>;
  /** How a closing notice reaches a Telegram chat from the console (web chats are handled here). */
  notifyTelegram?: (chatId: number, text: string, buttons: { text: string; callback_data: string }[][]) => Promise<void>;
}

/**
 * Builds the web channel over the bot's deps: the bridge that runs the same bot for web sessions,
 * the console's sign-in links (set on `deps.console` so /console can issue them), and the routes.
 */
export async function createWebChannel(options: WebChannelOptions): Promise<WebChannel> {
  const { deps } = options;
  const config = deps.config;
  if (config.WEB_SECRET === undefined) {
    deps.logger.warn('WEB_SECRET not set: a random key is used; console links and web sessions end at restart');
  }
  const signer = createSigner(config.WEB_SECRET);
  const assets = await loadWebAssets(config.WEB_ASSETS_DIR);
  const ids = options.stores?.ids ?? (await openWebIdAllocator(config.DATA_DIR));
  const signIn = options.stores?.signIn;
  const bridge = createWebBridge({
    deps, botInfo: options.botInfo, ...(options.stores ? { store: options.stores.sessions } : {}), ...(options.forward ? { forward: options.forward } : {}),
  });
  const rateLimiters = options.stores?.rateLimiters;
  const links = createConsoleLinks({ signer, baseUrl: webPublicUrl(config), now: () => deps.clock().getTime(), ...(signIn ? { store: signIn } : {}) });
  deps.console = { issueLink: (admin) => links.issue(admin) };
  const sessions = createConsoleSessions(() => deps.clock().getTime(), signIn);
  const secureCookies = config.WEB_PUBLIC_URL?.startsWith('https://') ?? false;
  return {
    bridge,
    links,
    assets,
    mount(app) {
      mountAssets(app, assets);
      mountChat(app, { config, logger: deps.logger, bridge, ids, signer, chatPage: assets.chatPage, openapi: assets.openapi, ...(rateLimiters ? { rateLimiters } : {}) });
      mountConsole(app, {
        deps, links, sessions, secureCookies,
        async notify(chatId, text, buttons) {
          if (channelOfChat(chatId) === 'web') {
            await bridge.deliver(chatId, { text, buttons: buttons.map((r) => r.map((b) => ({ text: b.text, data: b.callback_data }))) });
          } else if (options.notifyTelegram) await options.notifyTelegram(chatId, text, buttons);
          else deps.logger.warn({ chatId }, 'no Telegram connection: closing notice not sent');
        },
      });
    },
  };
}
