import { expect, it } from 'vitest';
import { describeStores } from './backends.js';

describeStores('chat store', (backend, open) => {

  it.skipIf(backend.skip)('keeps each chat’s state apart and reads a change back at once', async () => {
    const where = await open();
    const chats = await where.chats();
    chats.set(1, (s) => (s.previousIntent = 'marriage.registration'));
    chats.set(2, (s) => (s.previousIntent = 'dibao.apply'));
    expect(chats.get(1)?.previousIntent).toBe('marriage.registration');
    expect(chats.get(2)?.previousIntent).toBe('dibao.apply');
    expect(chats.get(3)).toBeUndefined();
  });

  it.skipIf(backend.skip)('still has a flushed dialog after a restart', async () => {
    const where = await open();
    const chats = await where.chats();
    chats.set(7, (s) => (s.dialog = { feature: 'complaint', step: 'text', data: { n: 1 }, expiresAt: '2030-01-01T00:00:00Z' }));
    await chats.flush();
    const again = await where.chats();
    // A shared store loads a chat before its update is handled; the file store has it all in memory.
    await (again as { load?: (id: number) => Promise<void> }).load?.(7);
    expect(again.get(7)?.dialog).toEqual({ feature: 'complaint', step: 'text', data: { n: 1 }, expiresAt: '2030-01-01T00:00:00Z' });
  });
});
