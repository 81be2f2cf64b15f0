export { createCatalog, type CatalogLogger, type CatalogOptions } from './create-catalog.js';
export { describeTimeLimit, toCalendarDays } from './cross-check.js';
export { lintCatalog, loadCatalogSnapshot, type CatalogLint } from './load-catalog.js';
export type { Catalog, CatalogItem, CatalogProblem, CatalogSnapshot } from './types.js';
