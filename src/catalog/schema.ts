import { z } from 'zod';

/** Intent / item ids look like `social-group.change-name`: stable, public, kebab-case parts. */
export const ItemIdSchema = z
  .string()
  .regex(/^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/, '事项 id 须形如 "social-group.change-name"（小写、短横线、一个点）');

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须写成 YYYY-MM-DD');

/** A time limit: a number of working or calendar days, or done on the spot / at once. */
export const TimeLimitSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('工作日'), days: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('自然日'), days: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('现场办结') }).strict(),
  z.object({ type: z.literal('即时办结') }).strict(),
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
    fee: z
      .object({ amount: z.number().min(0), note: z.string().min(1).optional() })
      .strict(),
    where: z
      .object({
        window: z.string().min(2),
        online: z
          .object({ name: z.string().min(2), url: z.url(), note: z.string().min(1).optional() })
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
    faq: z.array(FaqSchema).default([]),
    related: z.array(ItemIdSchema).default([]),
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

export const HallSchema = z
  .object({
    name: z.string().min(2),
    address: z.string().min(4),
    hours: z.string().min(4),
    phone: z.string().min(5),
    hotline: z.string().min(3),
    website: z.url(),
    referrals: z.array(ReferralSchema).min(1),
  })
  .strict();

export type TimeLimit = z.infer<typeof TimeLimitSchema>;
export type Material = z.infer<typeof MaterialSchema>;
export type AbolishedMaterial = z.infer<typeof AbolishedMaterialSchema>;
export type ServiceItem = z.infer<typeof ServiceItemSchema>;
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type Referral = z.infer<typeof ReferralSchema>;
export type Hall = z.infer<typeof HallSchema>;
