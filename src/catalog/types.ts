import type { Hall, ServiceItem } from './schema.js';

/** A service item as loaded: the schema's fields plus the file's category and the file it came from. */
export interface CatalogItem extends ServiceItem {
  category: string;
  file: string;
}

/** One consistent, validated view of the catalog; replaced whole on reload, never mutated. */
export interface CatalogSnapshot {
  items: readonly CatalogItem[];
  byId: ReadonlyMap<string, CatalogItem>;
  /** Categories in file order, each with its items in file order. */
  categories: readonly { name: string; items: readonly CatalogItem[] }[];
  hall: Hall;
  loadedAt: Date;
}

/** The live catalog: the last good snapshot, reloaded when the files change. */
export interface Catalog {
  current(): CatalogSnapshot;
  get(id: string): CatalogItem | undefined;
  /** Called after each successful reload; returns an unsubscribe function. */
  onReload(listener: (snapshot: CatalogSnapshot) => void): () => void;
  /** Stops watching the files. */
  close(): void;
}

/** One thing wrong in the data files: where (file relative to the data dir + field path) and why. */
export interface CatalogProblem {
  /** Relative to the data dir, with forward slashes: `catalog/marriage.yaml`, `hall.yaml`. */
  file: string;
  /** Field path such as `items[marriage.register].materials[0].condition`, or `(整个文件)`. */
  path: string;
  /** Chinese reason, ending with the line number when one is known. */
  message: string;
  line?: number;
}
