import type { ScopeModel } from './model.js';
import { OUT_OF_SCOPE } from './train.js';

/** How the scope model's classes differ from the catalog it is used with. */
export interface ScopeModelDrift {
  /** Catalog items the model was not trained on: it never vouches for them and never withdraws them. */
  unknownItems: string[];
  /** Classes of items the catalog no longer holds (harmless, but the model is out of date). */
  staleClasses: string[];
}

/**
 * Compares the model's item classes with the catalog's item ids. A catalog edited after the model
 * was trained (a new item, a renamed id) leaves the model out of date until `npm run train:scope`
 * runs again; the matcher stays safe meanwhile (see secondOpinion), and this tells the operator.
 */
export function scopeModelDrift(model: Pick<ScopeModel, 'classes'>, itemIds: Iterable<string>): ScopeModelDrift {
  const classes = new Set(model.classes.filter((c) => c !== OUT_OF_SCOPE));
  const ids = new Set(itemIds);
  return {
    unknownItems: [...ids].filter((id) => !classes.has(id)).sort(),
    staleClasses: [...classes].filter((c) => !ids.has(c)).sort(),
  };
}

/** The drift as one warning line for logs and `catalog:check`, or undefined when there is none. */
export function describeDrift(drift: ScopeModelDrift): string | undefined {
  const parts: string[] = [];
  if (drift.unknownItems.length > 0) parts.push(`模型未学过的事项 ${drift.unknownItems.join('、')}`);
  if (drift.staleClasses.length > 0) parts.push(`目录中已没有的事项 ${drift.staleClasses.join('、')}`);
  return parts.length === 0 ? undefined : `学习模型与目录不一致（${parts.join('；')}）：请运行 npm run train:scope 重新训练并提交 data/scope-model.json`;
}
