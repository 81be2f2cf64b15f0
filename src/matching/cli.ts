/**
 * `npm run --silent match -- [--json] [--data dir] [--intents dir] [--model file] [--previous id]`: reads one
 * question a line on stdin and writes one verdict a line, in the same order.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadCatalogSnapshot } from '../catalog/load-catalog.js';
import { loadConfig } from '../config.js';
import { buildMatcherIndex } from './build-index.js';
import { matchWithIndex } from './create-matcher.js';
import { SYSTEM_INTENT_NAMES, toJsonLine, toReadableLine } from './format.js';
import { loadIntents } from './load-intents.js';
import { loadScopeModel } from './scope/load-model.js';
import { runCli } from '../run-cli.js';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      intents: { type: 'string' },
      previous: { type: 'string' },
      model: { type: 'string' },
    },
  });
  const config = loadConfig();
  const snapshot = await loadCatalogSnapshot(values.data ?? config.CATALOG_DIR);
  const scopeModel = await loadScopeModel(values.model ?? config.SCOPE_MODEL_FILE);
  const index = buildMatcherIndex(snapshot, await loadIntents(values.intents ?? config.INTENTS_DIR), { scopeModel });
  const nameOf = (id: string): string => snapshot.byId.get(id)?.name ?? SYSTEM_INTENT_NAMES[id] ?? id;

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const result = matchWithIndex(index, line, values.previous);
    process.stdout.write(`${values.json ? toJsonLine(result) : toReadableLine(result, nameOf)}\n`);
  }
  return 0;
}

runCli(main);
