import type pg from 'pg';
import { WEB_ID_BLOCK } from '../../web/session-ids.js';
import type { Progress } from './progress.js';
import type { LowdbSource } from './sources.js';

interface Column {
  name: string;
  /** PostgreSQL element type of the column's array parameter. */
  type: string;
}

interface TableSpec {
  table: string;
  columns: Column[];
  /** Columns of the table's primary or unique key: re-running the copy skips rows already there. */
  key: string[];
  /** Extra condition on the incoming row `u`, e.g. "its answer exists". */
  where?: string;
  /** How a column's value is made from the incoming row, when not `u.<column>` as it comes. */
  values?: Record<string, string>;
}

/** Per table: records in the source, rows written now, and source records found in the table after the copy. */
export interface TableCount {
  table: string;
  source: number;
  inserted: number;
  present: number;
}

const col = (name: string, type: string): Column => ({ name, type });
const ANSWER_EXISTS = 'EXISTS (SELECT 1 FROM answers a WHERE a.id = u.answer_id)';

const SPECS = {
  chat_state: { table: 'chat_state', columns: [col('chat_id', 'bigint'), col('state', 'jsonb')], key: ['chat_id'] },
  unanswered: { table: 'unanswered', columns: [col('source_key', 'text'), col('at', 'timestamptz'), col('entry', 'jsonb')], key: ['source_key'] },
  answers: {
    table: 'answers',
    columns: [col('id', 'text'), col('at', 'bigint'), col('chat_id', 'bigint'), col('user_id', 'bigint'), col('intent', 'text'), col('kind', 'text'), col('question', 'text')],
    key: ['id'],
  },
  ratings: {
    table: 'ratings',
    columns: [col('answer_id', 'text'), col('user_id', 'bigint'), col('level', 'smallint'), col('at', 'bigint'), col('first_at', 'bigint'), col('chat_id', 'bigint'), col('intent', 'text'), col('kind', 'text')],
    key: ['answer_id', 'user_id'],
    where: ANSWER_EXISTS,
  },
  cases: {
    table: 'cases',
    columns: [col('id', 'integer'), col('source', 'text'), col('answer_id', 'text'), col('opened_at', 'bigint'), col('status', 'text'), col('doc', 'jsonb')],
    key: ['id'],
    where: `(u.answer_id IS NULL OR ${ANSWER_EXISTS})`,
  },
  subscriptions: {
    table: 'subscriptions',
    columns: [col('chat_id', 'bigint'), col('code', 'text'), col('name', 'text'), col('kind', 'text'), col('created_at', 'text'), col('paused_at', 'text'), col('submitted', 'jsonb')],
    key: ['chat_id', 'code'],
  },
  reminder_ledger: {
    table: 'reminder_ledger',
    columns: [col('chat_id', 'bigint'), col('code', 'text'), col('year', 'integer'), col('deadline_id', 'text'), col('stage_offset', 'integer'), col('status', 'text'), col('at', 'timestamptz')],
    key: ['chat_id', 'code', 'year', 'deadline_id', 'stage_offset'],
  },
  reminder_runs: { table: 'reminder_runs', columns: [col('date', 'text'), col('at', 'timestamptz')], key: ['date'] },
  // One row per chat and item; materials travel as JSON (an array of arrays cannot go through unnest).
  checklists: {
    table: 'checklists',
    columns: [col('chat_id', 'bigint'), col('item_id', 'text'), col('materials', 'jsonb')],
    key: ['chat_id', 'item_id'],
    values: { materials: 'ARRAY(SELECT jsonb_array_elements_text(u.materials))' },
  },
} satisfies Record<string, TableSpec>;

type Row = unknown[];

/** Inserts one batch (column arrays through unnest: one statement, any size) and counts the batch's keys now present. */
async function copyBatch(pool: pg.Pool, spec: TableSpec, rows: Row[]): Promise<{ inserted: number; present: number }> {
  const arrays = spec.columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const unnest = `unnest(${spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) AS u(${spec.columns.map((c) => c.name).join(', ')})`;
  const names = spec.columns.map((c) => c.name).join(', ');
  const value = (c: Column): string => spec.values?.[c.name] ?? `u.${c.name}`;
  const inserted = await pool.query(
    `INSERT INTO ${spec.table} (${names}) SELECT ${spec.columns.map(value).join(', ')} FROM ${unnest}
     ${spec.where ? `WHERE ${spec.where}` : ''} ON CONFLICT DO NOTHING`,
    arrays,
  );
  const keyIndexes = spec.key.map((k) => spec.columns.findIndex((c) => c.name === k));
  const keyArrays = keyIndexes.map((i) => arrays[i]);
  const keyUnnest = `unnest(${keyIndexes.map((i, n) => `$${n + 1}::${spec.columns[i]?.type}[]`).join(', ')}) AS k(${spec.key.join(', ')})`;
  const present = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${spec.table} t JOIN ${keyUnnest} ON ${spec.key.map((k) => `t.${k} = k.${k}`).join(' AND ')}`,
    keyArrays,
  );
  return { inserted: inserted.rowCount ?? 0, present: present.rows[0]?.n ?? 0 };
}

async function copyTable(pool: pg.Pool, spec: TableSpec, batches: AsyncIterable<Row[]> | Iterable<Row[]>, total: number, progress: Progress): Promise<TableCount> {
  const count: TableCount = { table: spec.table, source: 0, inserted: 0, present: 0 };
  progress.start(spec.table, total);
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    const r = await copyBatch(pool, spec, rows);
    count.source += rows.length;
    count.inserted += r.inserted;
    count.present += r.present;
    progress.tick(rows.length);
  }
  progress.done();
  return count;
}

function* chunks<T>(items: readonly T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function* mapBatches<T>(source: AsyncIterable<T[]>, map: (t: T) => Row): AsyncGenerator<Row[]> {
  for await (const batch of source) for (const part of chunks(batch)) yield part.map(map);
}

async function countAll<T>(source: AsyncIterable<T[]>): Promise<number> {
  let n = 0;
  for await (const batch of source) n += batch.length;
  return n;
}

/**
 * Copies an embedded store into PostgreSQL (schema already migrated). Idempotent: a row whose key is
 * already there is left as it is, so an interrupted copy is finished by running it again.
 * Answers go first: ratings and cases refer to them.
 */
export async function copyLowdbToPostgres(source: LowdbSource, pool: pg.Pool, progress: Progress): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  const subs = source.reminders.subscriptions;
  counts.push(await copyTable(pool, SPECS.chat_state, chunks(source.chats.map(([id, s]) => [id, JSON.stringify(s)])), source.chats.length, progress));
  counts.push(await copyTable(pool, SPECS.unanswered, mapBatches(source.unanswered(), (u) => [u.key, u.entry.at, JSON.stringify(u.entry)]), await countAll(source.unanswered()), progress));
  counts.push(await copyTable(pool, SPECS.answers, mapBatches(source.answers(), (a) => [a.id, a.at, a.chatId, a.userId, a.intent, a.kind, a.question]), await countAll(source.answers()), progress));
  counts.push(await copyTable(pool, SPECS.ratings, mapBatches(source.ratings(), (r) => [r.answerId, r.userId, r.level, r.at, r.firstAt, r.chatId, r.intent, r.kind]), await countAll(source.ratings()), progress));
  const caseRows = source.cases.map(({ id, ...doc }) => [id, doc.source, doc.answerId ?? null, doc.openedAt, doc.status, JSON.stringify(doc)]);
  counts.push(await copyTable(pool, SPECS.cases, chunks(caseRows), caseRows.length, progress));
  // New cases continue after the copied numbers.
  await pool.query("SELECT setval(pg_get_serial_sequence('cases', 'id'), GREATEST((SELECT max(id) FROM cases), 1))");
  counts.push(await copyTable(pool, SPECS.subscriptions, chunks(subs.map((s) => [s.chatId, s.code, s.name, s.kind, s.createdAt, s.pausedAt ?? null, JSON.stringify(s.submitted)])), subs.length, progress));
  const ledger = subs.flatMap((s) =>
    Object.entries(s.progress).map(([key, p]) => {
      const [year, deadlineId] = key.split('/');
      return [s.chatId, s.code, Number(year), deadlineId, p.offset, p.status, p.at];
    }),
  );
  counts.push(await copyTable(pool, SPECS.reminder_ledger, chunks(ledger), ledger.length, progress));
  const runs = source.reminders.lastRun ? [[source.reminders.lastRun.date, source.reminders.lastRun.at]] : [];
  counts.push(await copyTable(pool, SPECS.reminder_runs, chunks(runs), runs.length, progress));
  const ticks = source.checklists.map(([chatId, item, ticked]) => [chatId, item, JSON.stringify(ticked)]);
  counts.push(await copyTable(pool, SPECS.checklists, chunks(ticks), ticks.length, progress));
  if (source.webIdsReservedUpTo !== undefined) counts.push(await copyWebIds(pool, source.webIdsReservedUpTo));
  return counts;
}

/**
 * Moves the web chat id sequence past every id the embedded store handed out, so no web visitor of
 * the new deployment is given the conversation of an old one. Never moves it back (re-runnable).
 */
async function copyWebIds(pool: pg.Pool, reservedUpTo: number): Promise<TableCount> {
  const { rows } = await pool.query<{ next: number; moved: boolean }>(
    `WITH cur AS (SELECT CASE WHEN is_called THEN last_value + $2 ELSE last_value END AS next FROM web_chat_ids),
     moved AS (SELECT setval('web_chat_ids', $1, false) FROM cur WHERE cur.next < $1)
     SELECT GREATEST((SELECT next FROM cur), $1) AS next, EXISTS (SELECT 1 FROM moved) AS moved`,
    [reservedUpTo, WEB_ID_BLOCK],
  );
  const row = rows[0];
  return { table: 'web_chat_ids', source: 1, inserted: row?.moved ? 1 : 0, present: (row?.next ?? 0) >= reservedUpTo ? 1 : 0 };
}
