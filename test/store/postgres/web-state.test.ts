import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPgChecklistStore } from '../../../src/store/postgres/checklist-store.js';
import { createPgSignInStore } from '../../../src/store/postgres/console-sign-in.js';
import { openDatabase } from '../../../src/store/postgres/pool.js';
import { createConsoleLinks } from '../../../src/web/console/links.js';
import { createConsoleSessions } from '../../../src/web/console/sessions.js';
import { createSigner } from '../../../src/web/signing.js';
import { createTestDatabase, hasPostgres } from '../../support/postgres.js';

describe.skipIf(!hasPostgres)('checklists and console sign-ins shared by two instances', () => {
  let pools: pg.Pool[] = [];
  beforeAll(async () => {
    const url = await createTestDatabase('webstate');
    pools = [await openDatabase(url, { max: 3 }), await openDatabase(url, { max: 3 })];
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  const one = (): pg.Pool => pools[0] as pg.Pool;
  const two = (): pg.Pool => pools[1] as pg.Pool;

  it('sees the ticks made on the other instance, and loses none of two presses at once', async () => {
    const [a, b] = [createPgChecklistStore(one()), createPgChecklistStore(two())];
    await a.toggle(5, 'marriage.registration', '身份证');
    expect([...(await b.ticked(5, 'marriage.registration'))]).toEqual(['身份证']);
    const names = ['户口簿', '照片', '声明书', '证明'];
    await Promise.all(names.map((n, i) => (i % 2 === 0 ? a : b).toggle(5, 'marriage.registration', n)));
    expect(new Set(await a.ticked(5, 'marriage.registration'))).toEqual(new Set(['身份证', ...names]));
  });

  it('opens a link issued on one instance on the other, only once, and keeps the session on both', async () => {
    const signer = createSigner('s'.repeat(40));
    const [storeA, storeB] = [createPgSignInStore(one()), createPgSignInStore(two())];
    const linksA = createConsoleLinks({ signer, baseUrl: 'https://bot.example', store: storeA });
    const linksB = createConsoleLinks({ signer, baseUrl: 'https://bot.example', store: storeB });
    const { token } = await linksA.issue({ id: 9001, name: '王科长' });
    const results = await Promise.all([linksB.redeem(token), linksA.redeem(token), linksB.redeem(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['used', 'used']);

    const { id, session } = await createConsoleSessions(Date.now, storeB).open({ id: 9001, name: '王科长' });
    expect(await createConsoleSessions(Date.now, storeA).get(id)).toEqual(session);
    const { rows } = await one().query<{ id_hash: string }>('SELECT id_hash FROM console_sessions');
    // Only the cookie's hash is stored: reading the table signs nobody in.
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
    await createConsoleSessions(Date.now, storeA).close(id);
    expect(await createConsoleSessions(Date.now, storeB).get(id)).toBeUndefined();
  });
});
