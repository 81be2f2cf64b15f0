import type { Catalog, CatalogItem } from '../../src/catalog/types.js';

/** A day when every 社会团体 has a reminder stage due (7 days before the 31 March deadline). */
export const SOAK_DAY = '2026-03-24';

/** A clock that starts at 09:00 China time on SOAK_DAY and runs at real speed (the queue paces by it). */
export function soakClock(): () => Date {
  const base = Date.parse(`${SOAK_DAY}T09:00:00+08:00`);
  const start = Date.now();
  return () => new Date(base + (Date.now() - start));
}

/** Just the annual-inspection item the reminders name, without loading the whole catalog. */
export function soakCatalog(): Catalog {
  const item = { id: 'social-org.annual-inspection', name: '社会组织年度检查', materials: [] } as unknown as CatalogItem;
  return {
    current: () => {
      throw new Error('not used by the soak');
    },
    get: (id) => (id === item.id ? item : undefined),
    onReload: () => () => undefined,
    close: () => undefined,
  };
}
