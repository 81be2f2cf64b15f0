import type pg from 'pg';
import type { ChangeFlag } from './change-feed.js';
import type { RatingCase } from '../../ratings/types.js';

type CaseDoc = Omit<RatingCase, 'id'>;

/** How far back a refresh looks past the newest change it saw: covers transactions still committing. */
const LOOKBACK = "interval '5 seconds'";

export interface CaseMirror {
  get(id: number): RatingCase | undefined;
  all(): RatingCase[];
  put(c: RatingCase): void;
  /** Fetches cases changed since the last refresh (by any instance); undefined when none changed. */
  refresh(): Promise<void> | undefined;
}

export function rowToCase(row: { id: number; doc: CaseDoc }): RatingCase {
  return { ...row.doc, id: row.id };
}

/**
 * This instance's copy of the cases table, for the service's synchronous reads (getCase, openCases).
 * Cases are few (hundreds a year) and every write goes through the database under a row lock, so
 * the copy only has to be fresh before each update is handled: a refresh reads rows whose
 * updated_at is newer than the last seen, minus a few seconds for transactions still committing.
 */
export function createCaseMirror(pool: pg.Pool, changed?: ChangeFlag): CaseMirror {
  const cases = new Map<number, RatingCase>();
  let seen: string | undefined;
  let refreshing: Promise<void> | undefined;
  const load = async (): Promise<void> => {
    const { rows } = await pool.query<{ id: number; doc: CaseDoc; seen: string }>(
      seen === undefined
        ? 'SELECT id, doc, updated_at::text AS seen FROM cases ORDER BY updated_at'
        : `SELECT id, doc, updated_at::text AS seen FROM cases WHERE updated_at > $1::timestamptz - ${LOOKBACK} ORDER BY updated_at`,
      seen === undefined ? [] : [seen],
    );
    for (const row of rows) cases.set(row.id, rowToCase(row));
    const last = rows.at(-1);
    if (last) seen = last.seen;
  };
  return {
    get: (id) => cases.get(id),
    all: () => [...cases.values()],
    put: (c) => void cases.set(c.id, c),
    refresh() {
      // With a change feed, read only when some instance changed the table since the last read.
      if (changed && !changed.take()) return refreshing;
      // Concurrent updates share one query.
      refreshing ??= load().finally(() => (refreshing = undefined));
      return refreshing;
    },
  };
}
