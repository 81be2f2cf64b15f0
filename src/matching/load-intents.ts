import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { IntentsError } from '../errors.js';
import {
  DictionaryFileSchema,
  GapsFileSchema,
  OutOfScopeFileSchema,
  SystemIntentsFileSchema,
  type IntentsData,
} from './intents-schema.js';

async function readYaml<S extends z.ZodType>(dir: string, name: string, schema: S): Promise<z.infer<S>> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new IntentsError(file, ['文件无法读取：请确认意图目录（INTENTS_DIR）正确且文件存在'], { cause: err });
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new IntentsError(file, [`YAML 语法错误：${(err as Error).message}`], { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new IntentsError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/**
 * Loads intents/: system.yaml (system intents), dictionary.yaml (synonyms, typos, aspects …) and
 * out-of-scope.yaml (topics no department owns: chit-chat), gaps.yaml (民政 topics without a guide),
 * each validated.
 * @throws IntentsError naming the file and each bad field.
 */
export async function loadIntents(dir: string): Promise<IntentsData> {
  const [system, dictionary, outOfScope, gaps] = await Promise.all([
    readYaml(dir, 'system.yaml', SystemIntentsFileSchema),
    readYaml(dir, 'dictionary.yaml', DictionaryFileSchema),
    readYaml(dir, 'out-of-scope.yaml', OutOfScopeFileSchema),
    readYaml(dir, 'gaps.yaml', GapsFileSchema),
  ]);
  const ids = new Set<string>();
  for (const intent of system.intents) {
    if (ids.has(intent.id)) throw new IntentsError(join(dir, 'system.yaml'), [`intents: id "${intent.id}" 重复`]);
    ids.add(intent.id);
  }
  return { system: system.intents, dictionary, outOfScope: outOfScope.topics, gaps: gaps.topics };
}
