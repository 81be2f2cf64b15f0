import { z } from 'zod';

/** Intent / item ids look like `social-group.change-name`: stable, public, kebab-case parts. */
export const ItemIdSchema = z
  .string()
  .regex(/^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/, '事项 id 须形如 "social-group.change-name"（小写、短横线、一个点）');

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须写成 YYYY-MM-DD');

/**
 * The `type` of a time limit that no national text sets. The catalog is national: a number is a fact
 * only when a law, regulation or 民政部 rule states it (行政许可法 第四十二条, 慈善法 第十条 …). Many
 * items are left to each province (高龄津贴, 临时救助 …), and the 承诺 limit is each hall's own
 * commitment; writing 20 个工作日 there showed an invented number as law. This says so instead, and
 * the answers tell the person to go by what the local hall publishes.
 */
export const NOT_SET_NATIONALLY = '未统一规定';

/**
 * A time limit: a number of working or calendar days, done on the spot / at once, or 未统一规定 (no
 * national text sets one: see NOT_SET_NATIONALLY).
 */
export const TimeLimitSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('工作日'), days: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('自然日'), days: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('现场办结') }).strict(),
  z.object({ type: z.literal('即时办结') }).strict(),
  z.object({ type: z.literal(NOT_SET_NATIONALLY) }).strict(),
]);

export const MaterialSchema = z
  .object({
    name: z.string().min(1),
    /** 原件 to show, 复印件 to hand in, both, or an electronic file / 电子证照. */
    form: z.enum(['原件', '复印件', '原件和复印件', '电子材料']),
    copies: z.number().int().min(1).default(1),
    required: z.boolean().default(true),
    /** For conditional materials: when the material is needed ("再婚的"、"委托代理人办理的"). */
    condition: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    template: z.url().optional(),
  })
  .strict()
  .refine((m) => m.required || m.condition !== undefined, {
    message: '非必需材料须写明 condition（什么情况下需要）',
    path: ['condition'],
  });

/** A material that a reform removed, kept so the card can say "no longer needed". */
export const AbolishedMaterialSchema = z
  .object({
    name: z.string().min(1),
    since: z.string().min(1),
    reason: z.string().min(1),
  })
  .strict();

export const StepSchema = z
  .object({ name: z.string().min(1), detail: z.string().min(1) })
  .strict();

export const FaqSchema = z.object({ q: z.string().min(1), a: z.string().min(1) }).strict();

/**
 * Where a fact comes from: a law, regulation or 民政部 document (with its article or number) and its
 * public URL where there is one. Every item lists the sources its content rests on.
 */
export const SourceSchema = z
  .object({
    title: z.string().min(2),
    /** 第十二条, 第二章 … */
    article: z.string().min(1).optional(),
    /** 民发〔2021〕43号, 国务院令第804号 … */
    docNo: z.string().min(1).optional(),
    /** The version in force that was read: 2025-04-06 修订 … */
    version: z.string().min(1).optional(),
    url: z.url().optional(),
  })
  .strict();

/**
 * Money a person receives or must hold, kept apart from the fee: 补贴标准 of a benefit, 注册资金 /
 * 开办资金 / 原始基金 of an organisation. Local standards say where they are published.
 */
export const AmountSchema = z
  .object({
    kind: z.enum(['补贴标准', '救助标准', '注册资金', '开办资金', '原始基金', '其他金额']),
    text: z.string().min(2),
    /** Where the local standard is published, when the amount is set locally. */
    localSource: z.string().min(2).optional(),
  })
  .strict();

/**
 * What the applicant pays. `amount` is yuan (0 = 不收费), or `local` when the catalog cannot state one
 * amount: it is set or announced locally, or whether anything is charged now is for the office to say
 * (门牌制作费). A `local` fee must say in `note` what may be charged, so no card says "不收费"
 * above a note that speaks of a fee.
 */
export const FeeSchema = z
  .object({
    amount: z.union([z.number().min(0), z.literal('local')], { message: 'amount 须为金额（元，0 表示不收费）或 local（以当地公布为准）' }),
    note: z.string().min(1).optional(),
    /** 收费依据, when a fee is charged (or the rule that makes it free). */
    basis: z.string().min(2),
    /** Who states a local amount, read as "以…为准": 省级民政部门告知的标准 … (default 当地公布的标准). */
    localSource: z.string().min(2).optional(),
  })
  .strict()
  .superRefine((fee, ctx) => {
    if (fee.amount === 'local' && !fee.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'amount 为 local 时须在 note 写明可能收取什么费用、向谁问清' });
    }
    if (fee.amount !== 'local' && fee.localSource !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['localSource'], message: 'localSource 只用于 amount: local 的收费' });
    }
  });

export type Fee = z.infer<typeof FeeSchema>;

export const ItemKindSchema = z.enum([
  '行政许可',
  '行政确认',
  '行政给付',
  '行政备案',
  '其他行政权力',
  '公共服务',
]);

export const ServiceItemSchema = z
  .object({
    id: ItemIdSchema,
    name: z.string().min(2),
    department: z.string().min(2),
    kind: ItemKindSchema,
    /** One sentence a clerk would say first: what this item is for. */
    summary: z.string().min(4),
    aliases: z.array(z.string().min(1)).default([]),
    keywords: z.array(z.string().min(1)).default([]),
    conditions: z.array(z.string().min(1)).default([]),
    materials: z.array(MaterialSchema).min(1, '材料清单不能为空'),
    abolishedMaterials: z.array(AbolishedMaterialSchema).default([]),
    steps: z.array(StepSchema).min(1, '办理流程不能为空'),
    timeLimit: z
      .object({
        statutory: TimeLimitSchema,
        promised: TimeLimitSchema,
        note: z.string().min(1).optional(),
      })
      .strict(),
    fee: FeeSchema,
    /** 补贴标准 / 注册资金 …: money received or held, never a fee. */
    amounts: z.array(AmountSchema).default([]),
    /** 服务对象 of the national guide standard. */
    serviceObject: z.array(z.enum(['自然人', '法人', '非法人组织'])).min(1, '须写明服务对象'),
    /** 办件类型: 即办件 (on the spot) or 承诺件 (within the promised limit). */
    caseType: z.enum(['即办件', '承诺件']),
    /** 到现场次数 (0 = 全程网办). */
    visits: z.number().int().min(0),
    /** 办理结果 (the certificate or decision issued) and 送达方式. */
    outcome: z
      .object({ name: z.string().min(2), delivery: z.array(z.string().min(2)).default([]) })
      .strict(),
    where: z
      .object({
        window: z.string().min(2),
        online: z
          /**
           * Only a real national platform carries a url here (国家政务服务平台, 中国社会组织政务服务平台,
           * 慈善中国 …); the province's own page for the item comes from the local hall's `online` map.
           */
          .object({ name: z.string().min(2), url: z.url().optional(), note: z.string().min(1).optional() })
          .strict()
          .optional(),
        crossProvince: z
          .object({ scope: z.enum(['跨省通办', '全国通办']), note: z.string().min(1) })
          .strict()
          .optional(),
        appointment: z.string().min(1).optional(),
      })
      .strict(),
    /** 免核事项 (approved without review, on the spot) and 容缺受理 (accept now, missing paper later). */
    flags: z
      .object({ exemptReview: z.boolean().default(false), acceptWithMissing: z.boolean().default(false) })
      .strict()
      .default({ exemptReview: false, acceptWithMissing: false }),
    legalBasis: z.array(z.string().min(2)).min(1, '须写明设定依据'),
    /** The documents the content was checked against (catalog:check requires at least one). */
    sources: z.array(SourceSchema).min(1, '须至少写明一个来源（法规、文件或公开网页）'),
    faq: z.array(FaqSchema).default([]),
    related: z.array(ItemIdSchema).default([]),
    /** The day the content was last verified against its sources. */
    lastChecked: DateSchema,
  })
  .strict();

export const CatalogFileSchema = z
  .object({
    category: z.string().min(2),
    items: z.array(ServiceItemSchema).min(1),
  })
  .strict();

/** Where questions outside 民政 should go (公安, 人社, 医保 …). */
export const ReferralSchema = z
  .object({
    topic: z.string().min(1),
    department: z.string().min(2),
    keywords: z.array(z.string().min(1)).min(1),
    hint: z.string().min(2),
  })
  .strict();

/** A real, nationally valid contact (12345, 民政部, 国家政务服务平台 …): safe to show anywhere. */
export const ContactSchema = z
  .object({
    name: z.string().min(2),
    phone: z.string().min(3).optional(),
    url: z.url().optional(),
    note: z.string().min(2).optional(),
  })
  .strict();

/**
 * The local hall: deployment data an operator supplies (never shipped with invented values). Until it
 * is supplied no citizen sees an address, phone or link of a hall; the answers fall back to the national
 * contacts.
 */
export const LocalHallSchema = z
  .object({
    name: z.string().min(2),
    address: z.string().min(4),
    hours: z.string().min(4),
    phone: z.string().min(5),
    /** 咨询 and 监督投诉 phones of the national guide standard. */
    consultPhone: z.string().min(5).optional(),
    complaintPhone: z.string().min(5).optional(),
    website: z.url().optional(),
    /** Online application links per item id (the province's 政务服务网 pages). */
    online: z.record(z.string(), z.url()).default({}),
  })
  .strict();

export const HallSchema = z
  .object({
    /** What the assistant calls the service ("民政政务服务"), shown in greetings. */
    name: z.string().min(2),
    hotline: z.string().min(3),
    /** National contacts, always true: 12345, 民政部网站, 全国一体化政务服务平台 … */
    national: z.array(ContactSchema).default([]),
    /** Supplied by the operator; absent in the shipped default. */
    local: LocalHallSchema.optional(),
    referrals: z.array(ReferralSchema).min(1),
  })
  .strict();

export type TimeLimit = z.infer<typeof TimeLimitSchema>;
/** A limit some national text sets: days, on the spot or at once. */
export type SetTimeLimit = Exclude<TimeLimit, { type: typeof NOT_SET_NATIONALLY }>;

/** True when a national text sets the limit (anything but 未统一规定). */
export function isSetNationally(limit: TimeLimit): limit is SetTimeLimit {
  return limit.type !== NOT_SET_NATIONALLY;
}
export type Material = z.infer<typeof MaterialSchema>;
export type AbolishedMaterial = z.infer<typeof AbolishedMaterialSchema>;
export type ServiceItem = z.infer<typeof ServiceItemSchema>;
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type Referral = z.infer<typeof ReferralSchema>;
export type Hall = z.infer<typeof HallSchema>;
export type LocalHall = z.infer<typeof LocalHallSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Amount = z.infer<typeof AmountSchema>;
