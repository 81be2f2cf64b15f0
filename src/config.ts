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
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DATA_DIR: z.string().default('./var'),
  CATALOG_DIR: z.string().default('./data'),
  INTENTS_DIR: z.string().default('./intents'),
  ADMIN_IDS: idList,
  MANAGER_CHAT_ID: optionalString.transform((s) => (s === undefined ? undefined : Number(s))).pipe(z.number().int().optional()),
  CASE_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  RATING_CHANGE_MINUTES: z.coerce.number().int().min(0).default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
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
