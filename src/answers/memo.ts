/**
 * Per-object memo: answers built only from catalog data (an item's summary, an aspect, its buttons)
 * are the same for every person, so they are built once per loaded item. A catalog reload brings new
 * item objects, and the old entries go with the old objects (WeakMap).
 */
export function memoFor<K extends object, V>(): (owner: K, key: string, build: () => V) => V {
  const cache = new WeakMap<K, Map<string, V>>();
  return (owner, key, build) => {
    let byKey = cache.get(owner);
    if (!byKey) {
      byKey = new Map();
      cache.set(owner, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = build();
      byKey.set(key, value);
    }
    return value;
  };
}
