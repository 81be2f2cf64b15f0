import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { EligibilityRulesError } from './errors.js';
import type { StatedFacts } from './facts.js';

const FactSchema = z.enum(['age', 'individualMembers', 'unitMembers', 'totalMembers', 'amountYuan']);
type FactName = z.infer<typeof FactSchema>;
const VariantSchema = z.enum(['public', 'non-public', 'national', 'local']);
type Variant = z.infer<typeof VariantSchema>;

const ThresholdSchema = z
  .object({
    fact: FactSchema,
    min: z.number().positive(),
    label: z.string().min(2),
    when: z
      .object({ sex: z.enum(['male', 'female']).optional(), variants: z.array(VariantSchema).optional(), absent: FactSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const EligibilityRuleSchema = z
  .object({
    id: z.string().min(2),
    items: z.array(z.string().min(3)).min(1),
    title: z.string().min(2),
    rule: z.string().min(4),
    thresholds: z.array(ThresholdSchema).min(1),
    /** A local standard may start lower: between `min` and the national threshold the answer is "depends". */
    local: z.object({ min: z.number().positive(), text: z.string().min(4) }).strict().optional(),
    met: z.string().min(4),
    unmet: z.string().min(4),
    depends: z.string().min(4).optional(),
    source: z.string().min(4),
  })
  .strict();
export const EligibilityFileSchema = z.object({ rules: z.array(EligibilityRuleSchema) }).strict();
export type EligibilityRule = z.infer<typeof EligibilityRuleSchema>;
type Threshold = z.infer<typeof ThresholdSchema>;

/**
 * Loads the machine-readable conditions (data/eligibility.yaml).
 * @throws EligibilityRulesError naming the file and the first field that is wrong.
 */
export async function loadEligibilityRules(file: string): Promise<EligibilityRule[]> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    // No rules file (a fixture catalog, an operator who removed it): answer without "我能办吗" checks.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new EligibilityRulesError(file, (error as Error).message);
  }
  const parsed = EligibilityFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EligibilityRulesError(file, `${issue?.path.join('.') ?? ''}：${issue?.message ?? ''}`);
  }
  return parsed.data.rules;
}

export interface EligibilityVerdict {
  rule: EligibilityRule;
  verdict: 'yes' | 'no' | 'depends';
  /** The person's number the rule was checked against. */
  value: number;
  /** The sentence to say, placeholders filled. */
  text: string;
  /** For "depends": each variant with whether the stated value is enough for it. */
  options: { label: string; enough: boolean }[];
}

function factValue(facts: StatedFacts, name: FactName): number | undefined {
  if (name === 'totalMembers') {
    return facts.individualMembers !== undefined && facts.unitMembers !== undefined ? facts.individualMembers + facts.unitMembers : undefined;
  }
  return facts[name];
}

const OPPOSITE: Record<Variant, Variant> = { public: 'non-public', 'non-public': 'public', national: 'local', local: 'national' };

/** Whether a threshold applies to these facts: surely, perhaps (the facts do not say), or not at all. */
function applies(t: Threshold, facts: StatedFacts): 'yes' | 'maybe' | 'no' {
  const w = t.when;
  if (!w) return 'yes';
  if (w.absent && factValue(facts, w.absent) !== undefined) return 'no';
  let maybe = false;
  if (w.sex) {
    if (facts.sex === undefined) maybe = true;
    else if (facts.sex !== w.sex) return 'no';
  }
  for (const v of w.variants ?? []) {
    if (facts.variants.includes(OPPOSITE[v])) return 'no';
    if (!facts.variants.includes(v)) maybe = true;
  }
  return maybe ? 'maybe' : 'yes';
}

const fill = (text: string, value: number, min?: number): string =>
  text.replaceAll('{value}', formatValue(value)).replaceAll('{min}', min === undefined ? '' : formatValue(min));

function formatValue(n: number): string {
  return n >= 10_000 && n % 10_000 === 0 ? `${n / 10_000}万` : String(n);
}

/**
 * Checks the facts a person stated against the rules for an item: yes, no, or "depends" (on a
 * variant the person did not name, or on a local standard). Undefined when no rule has its fact stated.
 */
export function checkEligibility(rules: readonly EligibilityRule[], itemId: string, facts: StatedFacts): EligibilityVerdict | undefined {
  for (const rule of rules) {
    if (!rule.items.includes(itemId)) continue;
    const live = rule.thresholds
      .map((t) => ({ t, value: factValue(facts, t.fact), how: applies(t, facts) }))
      .filter((x): x is { t: Threshold; value: number; how: 'yes' | 'maybe' } => x.value !== undefined && x.how !== 'no');
    const first = live[0];
    if (!first) continue;
    const sure = live.filter((x) => x.how === 'yes');
    const options = live.map((x) => ({ label: x.t.label, enough: x.value >= x.t.min }));
    const base = { rule, value: first.value, options };
    const metSure = sure.find((x) => x.value >= x.t.min);
    if (metSure) return { ...base, verdict: 'yes', text: fill(rule.met, metSure.value, metSure.t.min) };
    if (options.every((o) => o.enough)) return { ...base, verdict: 'yes', text: fill(rule.met, first.value, first.t.min) };
    if (options.every((o) => !o.enough)) {
      const lowest = Math.min(...live.map((x) => x.t.min));
      if (rule.local && first.value >= rule.local.min) return { ...base, verdict: 'depends', text: fill(rule.local.text, first.value) };
      return { ...base, verdict: 'no', text: fill(rule.unmet, first.value, lowest) };
    }
    return { ...base, verdict: 'depends', text: fill(rule.depends ?? rule.rule, first.value) };
  }
  return undefined;
}
