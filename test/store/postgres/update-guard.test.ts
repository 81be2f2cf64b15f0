import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { startInstanceBeat } from '../../../src/store/postgres/instance-beat.js';
import { createUpdateGuard } from '../../../src/store/postgres/update-guard.js';
import { MIGRATIONS, migrate } from '../../../src/store/postgres/migrations.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

describe.skipIf(!hasPostgres)('the shared update guard', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = await openDatabase(await createTestDatabase('guard'), { max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('lets exactly one of several instances claim an update', async () => {
    const guards = ['a', 'b', 'c'].map((id) => createUpdateGuard(pool, { instanceId: id }));
    const claims = await Promise.all(guards.flatMap((g) => [g.claim(77), g.claim(77)]));
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'busy')).toHaveLength(5);
  });

  it('hands an update over when the instance that claimed it never finished', async () => {
    const a = createUpdateGuard(pool, { instanceId: 'a' });
    const b = createUpdateGuard(pool, { instanceId: 'b', takeoverMs: 0 });
    expect(await a.claim(78)).toBe('claimed');
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.claim(78)).toBe('claimed');
    await b.done(78);
    expect(await b.claim(78)).toBe('done');
  });

  it('never hands over an update held by an instance that still beats, however slow, but does once it falls silent', async () => {
    const beat = await startInstanceBeat(pool, 'slow');
    try {
      const slow = createUpdateGuard(pool, { instanceId: 'slow' });
      const other = createUpdateGuard(pool, { instanceId: 'other', takeoverMs: 0 });
      expect(await slow.claim(79)).toBe('claimed');
      expect((await slow.claimAndHit(80, 7, Date.now())).claim).toBe('claimed');
      await new Promise((r) => setTimeout(r, 50));
      expect(await other.claim(79)).toBe('busy');
      expect((await other.claimAndHit(80, 7, Date.now())).claim).toBe('busy');
      // Its last beat six seconds ago: it died.
      await pool.query("UPDATE instance_beats SET beat_at = clock_timestamp() - interval '6 seconds' WHERE instance = 'slow'");
      expect(await other.claim(79)).toBe('claimed');
      expect((await other.claimAndHit(80, 7, Date.now())).claim).toBe('claimed');
    } finally {
      await beat.stop();
    }
    expect((await pool.query("SELECT 1 FROM instance_beats WHERE instance = 'slow'")).rowCount).toBe(0);
  });

  it('hands over an update a beating instance has held for a minute (stuck on it)', async () => {
    const beat = await startInstanceBeat(pool, 'stuck');
    try {
      const stuck = createUpdateGuard(pool, { instanceId: 'stuck' });
      const other = createUpdateGuard(pool, { instanceId: 'other', takeoverMs: 0 });
      expect(await stuck.claim(81)).toBe('claimed');
      await pool.query("UPDATE processed_updates SET at = now() - interval '61 seconds' WHERE update_id = 81");
      expect(await other.claim(81)).toBe('claimed');
    } finally {
      await beat.stop();
    }
  });

  it('claims and counts in one step, and counts nothing for a duplicate', async () => {
    const g = createUpdateGuard(pool, { instanceId: 'a' });
    const t = Date.parse('2026-03-24T02:00:10Z');
    expect(await g.claimAndHit(90, 6, t)).toEqual({ claim: 'claimed', hits: 1 });
    expect(await g.claimAndHit(90, 6, t)).toEqual({ claim: 'busy', hits: 0 });
    await g.done(90);
    expect(await g.claimAndHit(90, 6, t)).toEqual({ claim: 'done', hits: 0 });
    expect(await g.claimAndHit(91, 6, t)).toEqual({ claim: 'claimed', hits: 2 });
  });

  it('claims the updates asked for together in one statement, counting each user’s updates in order', async () => {
    const g = createUpdateGuard(pool, { instanceId: 'a' });
    const t = Date.parse('2026-03-24T03:00:10Z');
    // The update ids each statement carried.
    const statements: number[][] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const spied = pool as unknown as { query: (...args: unknown[]) => unknown };
    spied.query = (...args) => {
      // The ids go as a bigint[] literal, '{200,201}'. Only the claims count, not the question after a duplicate.
      const { name, values } = args[0] as { name: string; values: string[] };
      if (name === 'mz_claim_batch') statements.push((values[0] ?? '{}').slice(1, -1).split(',').filter(Boolean).map(Number));
      return query(...args);
    };
    try {
      // Claims asked for in one turn share a statement; those asked for while it runs share the next.
      const first = [g.claimAndHit(200, 8, t), g.claimAndHit(201, 8, t), g.claimAndHit(202, 9, t)];
      await new Promise((resolve) => setImmediate(resolve));
      expect(statements).toEqual([[200, 201, 202]]);
      const second = [g.claimAndHit(203, 8, t), g.claimAndHit(201, 8, t)];
      const results = await Promise.all([...first, ...second]);
      expect(statements).toEqual([[200, 201, 202], [203, 201]]);
      expect(results.map((r) => [r.claim, r.hits])).toEqual([['claimed', 1], ['claimed', 2], ['claimed', 1], ['claimed', 3], ['busy', 0]]);
    } finally {
      spied.query = query;
    }
  });

  it('counts one user’s updates across instances within the minute', async () => {
    const guards = ['a', 'b'].map((id) => createUpdateGuard(pool, { instanceId: id }));
    const t = Date.parse('2026-03-24T01:00:10Z');
    const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (guards[i % 2] ?? guards[0])!.hit(5, t)));
    expect(Math.max(...counts)).toBe(10);
    expect(await guards[0]!.hit(5, t + 60_000)).toBe(1);
  });

  it('tells each claim when its statement is on its way, before the claim settles', async () => {
    const g = createUpdateGuard(pool, { instanceId: 'a' });
    const events: string[] = [];
    const claims = [301, 302].map((id) =>
      g.claimAndHit(id, 7, Date.now(), undefined, () => events.push(`sent ${id}`)).then((r) => events.push(`${r.claim} ${id}`)));
    // Claims asked for in one turn go together, at the end of the turn: nothing is sent yet.
    expect(events).toEqual([]);
    await Promise.all(claims);
    expect(events.slice(0, 2).sort()).toEqual(['sent 301', 'sent 302']);
    expect(events.slice(2).sort()).toEqual(['claimed 301', 'claimed 302']);
  });

  it('applies migrations once, however often it is run', async () => {
    expect(await migrate(pool)).toEqual([]);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(MIGRATIONS.length);
  });
});
