import { expect, it } from 'vitest';
import { describeStores } from './backends.js';

describeStores('checklist ticks', (backend, open) => {

  it.skipIf(backend.skip)('keeps a tick across a restart, per chat and item, and unticks on a second press', async () => {
    const where = await open();
    const store = await where.checklists();
    expect([...(await store.toggle(7, 'marriage.divorce', '身份证'))]).toEqual(['身份证']);
    expect([...(await store.toggle(7, 'marriage.divorce', '户口簿'))]).toEqual(['身份证', '户口簿']);
    const reopened = await where.checklists();
    expect([...(await reopened.ticked(7, 'marriage.divorce'))]).toEqual(['身份证', '户口簿']);
    expect((await reopened.ticked(8, 'marriage.divorce')).size).toBe(0);
    expect((await reopened.ticked(7, 'dibao.apply')).size).toBe(0);
    expect([...(await reopened.toggle(7, 'marriage.divorce', '身份证'))]).toEqual(['户口簿']);
    expect([...(await (await where.checklists()).ticked(7, 'marriage.divorce'))]).toEqual(['户口簿']);
  });

  it.skipIf(backend.skip)('applies presses made at the same moment one after the other, losing none', async () => {
    const where = await open();
    const store = await where.checklists();
    const names = ['一', '二', '三', '四', '五', '六'];
    await Promise.all(names.map((n) => store.toggle(9, 'marriage.registration', n)));
    expect(new Set(await (await where.checklists()).ticked(9, 'marriage.registration'))).toEqual(new Set(names));
  });
});
