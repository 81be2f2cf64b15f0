import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreCorruptError, StoreInconsistentError } from '../errors.js';
import { z } from 'zod';
import { openJsonFile, type JsonFileStore } from '../store/json-file.js';
import { BAD_REASONS, type BadReason } from './levels.js';
import type { RatingCase } from './types.js';

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const reason = z.enum(Object.keys(BAD_REASONS) as [BadReason, ...BadReason[]]);

const CaseSchema = z.object({
  id: z.number().int().positive(),
  source: z.enum(['rating', 'complaint']),
  openedAt: z.number().int(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  chatId: z.number().int(),
  userId: z.number().int(),
  answerId: z.string().optional(),
  level: level.optional(),
  intent: z.string().nullable(),
  question: z.string(),
  reasons: z.array(reason),
  reasonText: z.string().optional(),
  status: z.enum(['open', 'contacted', 'rectified', 'closed']),
  assignee: z.object({ id: z.number().int(), name: z.string() }).optional(),
  rerating: z.object({ level, at: z.number().int() }).optional(),
  withdrawn: z.boolean().optional(),
  channel: z.enum(['telegram', 'web']).optional(),
  events: z.array(
    z.object({
      at: z.number().int(),
      by: z.number().int(),
      byName: z.string().optional(),
      action: z.enum(['opened', 'reason', 'taken', 'contacted', 'rectified', 'closed', 'rerated']),
      note: z.string().optional(),
    }),
  ),
});

const CasesFileSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  cases: z.array(CaseSchema),
});

export type CasesFile = z.infer<typeof CasesFileSchema>;

// Compile-time check that the schema and the domain type agree.
const _sameShape: (c: z.infer<typeof CaseSchema>) => RatingCase = (c) => c;
void _sameShape;

/**
 * The rules a cases file must keep beyond its schema: ids unique, and `nextId` above every id (or the
 * next case would reuse a number a manager already follows up).
 */
export function checkCases(data: CasesFile): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const c of data.cases) (seen.has(c.id) ? twice : seen).add(c.id);
  if (twice.size > 0) problems.push(`案件编号重复：${[...twice].map((id) => `#${id}`).join('、')}（请给重复的案件改用未用过的编号）`);
  const max = Math.max(0, ...seen);
  if (data.nextId <= max) problems.push(`nextId 为 ${data.nextId}，但已有案件 #${max}：请把 nextId 改为 ${max + 1}`);
  return problems;
}

/** File name of the cases document inside the data directory. */
export const CASES_FILE = 'cases.json';

/**
 * Opens cases.json (lowdb, whole-file rewrites: fine for the few hundred 差评 and complaints a year).
 * @throws StoreCorruptError when the file exists but is not a valid version-1 cases file.
 */
export function openCaseStore(dataDir: string): Promise<JsonFileStore<CasesFile>> {
  return openJsonFile(join(dataDir, CASES_FILE), {
    schema: CasesFileSchema,
    version: 1,
    defaults: () => ({ version: 1, nextId: 1, cases: [] }),
    check: checkCases,
  });
}

/**
 * Reads the cases without opening the store for writing, for the report CLI while the bot runs.
 * A missing file means no cases yet.
 * @throws StoreCorruptError when the file is unreadable or invalid.
 */
export async function readCasesReadOnly(dataDir: string): Promise<RatingCase[]> {
  const file = join(dataDir, CASES_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StoreCorruptError(file, (error as Error).message, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StoreCorruptError(file, `不是有效的 JSON：${(error as Error).message}`, { cause: error });
  }
  const parsed = CasesFileSchema.safeParse(json);
  if (!parsed.success) throw new StoreCorruptError(file, parsed.error.issues[0]?.message ?? '格式不符');
  const problems = checkCases(parsed.data);
  if (problems.length > 0) throw new StoreInconsistentError(file, problems);
  return parsed.data.cases;
}
