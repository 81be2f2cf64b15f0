import type { LabelOf } from './case-text.js';

/**
 * Names for the intents in ratings and cases, for managers: the item's name from the catalog, the
 * complaint and unmatched questions in words, and the raw id only for an item the catalog no longer has.
 */
export function itemLabeler(nameOf: (intent: string) => string | undefined): LabelOf {
  return (intent) => {
    if (intent === null) return '未识别';
    if (intent === 'complaint') return '投诉举报';
    return nameOf(intent) ?? intent;
  };
}
