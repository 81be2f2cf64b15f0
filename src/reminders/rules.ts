import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { ReminderRulesError } from '../errors.js';
import { ORG_KINDS } from './types.js';

const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '须写成 MM-DD，如 "03-31"');
const FullDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须写成 YYYY-MM-DD');
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '须写成 24 小时制 HH:MM，如 "09:00"');
const HolidayRule = z.enum(['next-workday', 'previous-workday', 'none'], {
  message: 'holidayRule 只能是 next-workday、previous-workday 或 none',
});

const DeadlineRuleSchema = z
  .object({
    /**
     * Stable id, used in the store and in the 已提交 button's callback data: changing it would resend
     * this year's reminders. At most 24 characters so `rem:done:<code>:<year>:<id>` stays within 64 bytes.
     */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'id 须为小写字母、数字和短横线')
      .max(24, 'id 最多 24 个字符（要放进按钮数据里）'),
    title: z.string().min(2),
    /** Who receives the report: 业务主管单位, 登记管理机关, or 向社会公开. */
    to: z.string().min(2),
    date: MonthDay,
    windowStart: MonthDay.optional(),
    holidayRule: HolidayRule.optional(),
  })
  .strict();

const KindRuleSchema = z
  .object({ deadlines: z.array(DeadlineRuleSchema).min(1, '每类组织至少要有一个截止日期') })
  .strict()
  .refine((k) => new Set(k.deadlines.map((d) => d.id)).size === k.deadlines.length, {
    message: '同一类组织的截止日期 id 不能重复',
  });

const offsets = z.array(z.number().int().min(1).max(365)).refine((a) => new Set(a).size === a.length, '天数不能重复');

export const ReminderRulesSchema = z
  .object({
    timezone: z.literal('Asia/Shanghai', { message: '目前只支持 Asia/Shanghai（中国不实行夏令时，日期计算依赖这一点）' }),
    sendTime: ClockTime,
    quietHours: z.object({ start: ClockTime, end: ClockTime }).strict(),
    holidayRule: HolidayRule,
    offsets: z.object({ before: offsets.min(1), after: offsets.default([]) }).strict(),
    /** How many days after the last overdue notice's day a missed notice is still worth sending. */
    staleAfterDays: z.number().int().min(1).max(60).default(7),
    send: z
      .object({
        ratePerSecond: z.number().positive().max(1000).default(30),
        perChatIntervalMs: z.number().int().min(0).default(1000),
        maxAttempts: z.number().int().min(1).max(10).default(4),
      })
      .strict()
      .default({ ratePerSecond: 30, perChatIntervalMs: 1000, maxAttempts: 4 }),
    filing: z.object({ name: z.string().min(2), url: z.url(), note: z.string().min(1).optional() }).strict(),
    catalogItem: z.string().min(3),
    consequence: z.string().min(4),
    kinds: z.record(z.enum(ORG_KINDS), KindRuleSchema).refine((r) => ORG_KINDS.every((k) => r[k]), {
      message: `须为每类组织（${ORG_KINDS.join('、')}）写明截止日期`,
    }),
    /** Per-year exceptions (a deadline moved by notice): year → deadline id → date. */
    years: z.record(z.string().regex(/^\d{4}$/, '年份须为四位数字'), z.record(z.string(), FullDate)).default({}),
  })
  .strict();

export type ReminderRules = z.infer<typeof ReminderRulesSchema>;
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/**
 * Validates already-parsed rules.
 * @throws ReminderRulesError listing each bad field by path.
 */
export function parseReminderRules(file: string, data: unknown): ReminderRules {
  const parsed = ReminderRulesSchema.safeParse(data);
  if (!parsed.success) {
    throw new ReminderRulesError(
      file,
      parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : '(整个文件)', message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Reads and validates data/reminder-rules.yaml.
 * @throws ReminderRulesError naming the file and each bad field (or the YAML syntax error and line).
 */
export async function loadReminderRules(file: string): Promise<ReminderRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReminderRulesError(file, [{ path: '(整个文件)', message: `无法读取：${(error as Error).message}` }]);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ReminderRulesError(file, [{ path: '(YAML 语法)', message: (error as Error).message.split('\n')[0] ?? '' }]);
  }
  return parseReminderRules(file, data);
}
