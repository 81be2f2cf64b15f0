import { describe, expect, it } from 'vitest';
import { combineSharedState, type SharedState } from '../../src/store/shared-state.js';

const hooks = (before: () => Promise<void> | undefined): SharedState => ({ beforeUpdate: before, afterUpdate: () => undefined });

describe('combined shared-state hooks', () => {
  it('leave nothing to wait for when no store has anything to load or write', () => {
    const shared = combineSharedState([hooks(() => undefined), hooks(() => undefined)]);
    expect(shared.beforeUpdate(1)).toBeUndefined();
    expect(shared.afterUpdate(1, 5)).toBeUndefined();
  });

  it('wait for every store that has something to load', async () => {
    const done: string[] = [];
    const later = (name: string) => () => new Promise<void>((resolve) => setTimeout(() => resolve(void done.push(name)), 5));
    const shared = combineSharedState([hooks(later('chats')), hooks(() => undefined), hooks(later('cases'))]);
    await shared.beforeUpdate(1);
    expect(done.sort()).toEqual(['cases', 'chats']);
  });
});
