import { z } from 'zod';
import { ConfigError } from './errors.js';

const idList = z
  .string()
  .default('')
  .transform((s) => s.split(/[\s,，]+/).filter(Boolean).map(Number))
  .pipe(z.array(z.number().int()));

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

/** Every environment variable the bot reads; `.env.example` lists the same names. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalString.pipe(
    z
      .url()
      .refine((u) => !u.endsWith('/'), 'TELEGRAM_API_ROOT 末尾不要带 "/"')
      .optional(),
  ),
  WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  WEBHOOK_SECRET: optionalString,
  /** Unset: 127.0.0.1 in the local terminal mode, 0.0.0.0 with a BOT_TOKEN (see httpHost). */
  HTTP_HOST: optionalString,
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DATA_DIR: z.string().default('./var'),
  CATALOG_DIR: z.string().default('./data'),
  /** The operator's local hall (address, hours, phones, per-item online links); see README「本地大厅信息」. */
  LOCAL_HALL_FILE: optionalString,
  INTENTS_DIR: z.string().default('./intents'),
  /** The matcher's learned second opinion, written by `npm run train:scope`. */
  SCOPE_MODEL_FILE: z.string().default('./data/scope-model.json'),
  ADMIN_IDS: idList,
  MANAGER_CHAT_ID: optionalString.transform((s) => (s === undefined ? undefined : Number(s))).pipe(z.number().int().optional()),
  CASE_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  RATING_CHANGE_MINUTES: z.coerce.number().int().min(0).default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** A CJK TTF/TTC font for printed checklists; default: Debian's fonts-wqy-microhei. */
  CJK_FONT_FILE: optionalString,
  POLLING_CONFLICT_GIVE_UP_SECONDS: z.coerce.number().int().min(1).default(120),
  WEB_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The address people use to reach the web chat and console (console sign-in links point here). */
  WEB_PUBLIC_URL: optionalString.pipe(
    z
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'WEB_PUBLIC_URL 须以 http:// 或 https:// 开头')
      .optional(),
  ),
  /** Signs web session cookies and console sign-in links; unset = a random key per run (links die on restart). */
  WEB_SECRET: optionalString.pipe(z.string().min(32, 'WEB_SECRET 至少 32 个字符（可用 openssl rand -hex 32 生成）').optional()),
  /** Pages allowed to embed the chat in an <iframe> (CSP frame-ancestors), space-separated origins; `self` = this site. */
  WEB_FRAME_ANCESTORS: z.string().default('self'),
  WEB_ASSETS_DIR: z.string().default('./web'),
  WEB_RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(30),
  WEB_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(300),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits per IP). */
  WEB_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Where state lives: lowdb files in DATA_DIR (one instance) or PostgreSQL (several instances). */
  STORAGE: z.enum(['lowdb', 'postgres']).default('lowdb'),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  /** STORAGE=postgres: after this long a reminder pass's instance counts as dead and another takes over. */
  REMINDER_PASS_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(1800),
  REMINDERS_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Where the HTTP server listens: localhost only for the local terminal mode unless HTTP_HOST says otherwise. */
export function httpHost(config: Pick<Config, 'HTTP_HOST' | 'BOT_TOKEN'>): string {
  return config.HTTP_HOST ?? (config.BOT_TOKEN === undefined ? '127.0.0.1' : '0.0.0.0');
}

/** The public base URL of the web chat and console, without a trailing slash. */
export function webPublicUrl(config: Pick<Config, 'WEB_PUBLIC_URL' | 'HTTP_PORT' | 'HTTP_HOST' | 'BOT_TOKEN'>): string {
  if (config.WEB_PUBLIC_URL) return config.WEB_PUBLIC_URL.replace(/\/+$/, '');
  const host = httpHost(config);
  return `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${config.HTTP_PORT}`;
}
const StorageRefined = ConfigSchema.refine((c) => c.STORAGE !== 'postgres' || c.DATABASE_URL !== undefined, {
  path: ['DATABASE_URL'],
  message: 'STORAGE=postgres 时必须设置 DATABASE_URL（例如 postgres://bot:密码@db:5432/minzheng）',
});

/**
 * Reads and validates the environment once. The only place in src/ that touches `process.env`.
 * @throws ConfigError naming each bad variable and what it should look like.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = StorageRefined.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量有误，请按 .env.example 修正后重启：\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
