import { readFile } from 'node:fs/promises';
import { ScopeModelError } from '../../errors.js';
import { fromModelFile, ScopeModelFileSchema, type ScopeModel } from './model.js';

/** Where `npm run train:scope` writes the model, relative to the catalog dir. */
export const SCOPE_MODEL_FILE = 'scope-model.json';

/**
 * Reads and validates the scope model written by `npm run train:scope`.
 * @throws ScopeModelError naming the file when it is missing, not JSON, or not a model of this version.
 */
export async function loadScopeModel(file: string): Promise<ScopeModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ScopeModelError(file, ['文件无法读取：请确认文件存在'], { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ScopeModelError(file, [`JSON 语法错误：${(err as Error).message}`], { cause: err });
  }
  const parsed = ScopeModelFileSchema.safeParse(raw);
  if (!parsed.success) throw new ScopeModelError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`));
  try {
    return fromModelFile(parsed.data);
  } catch (err) {
    throw new ScopeModelError(file, [(err as Error).message], { cause: err });
  }
}
