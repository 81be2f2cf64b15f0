import { expect, it } from 'vitest';
import { WEB_ID_MIN, channelOfChat } from '../../../src/ratings/channel.js';
import { describeStores } from './backends.js';

describeStores('web chat ids and console sign-ins', (backend, open) => {

  it.skipIf(backend.skip)('hands out web chat ids that are unique, in the web range, and never reused after a restart', async () => {
    const where = await open();
    const first = await where.webIds();
    const a = await Promise.all(Array.from({ length: 300 }, () => first.next()));
    expect(new Set(a).size).toBe(300);
    expect(a.every((id) => id >= WEB_ID_MIN && channelOfChat(id) === 'web')).toBe(true);
    const second = await where.webIds();
    expect(await second.next()).toBeGreaterThan(Math.max(...a));
  });

  it.skipIf(backend.skip)('lets a sign-in link be used once, and knows no link it never issued', async () => {
    const where = await open();
    const store = await where.signIn();
    const now = Date.now();
    await store.addLink('jti-1', now + 600_000);
    expect(await store.useLink('jti-1', now)).toBe('ok');
    expect(await store.useLink('jti-1', now + 1)).toBe('used');
    expect(await store.useLink('jti-never', now)).toBe('unknown');
  });

  it.skipIf(backend.skip)('keeps a session until it expires or is closed', async () => {
    const where = await open();
    const store = await where.signIn();
    const now = Date.now();
    const session = { admin: { id: 9001, name: '王科长' }, expiresAt: now + 1_000, csrf: 'csrf-token' };
    await store.putSession('cookie-a', session);
    await store.putSession('cookie-b', { ...session, csrf: 'other' });
    expect(await store.getSession('cookie-a', now)).toEqual(session);
    expect(await store.getSession('cookie-a', now + 2_000)).toBeUndefined();
    expect(await store.getSession('cookie-x', now)).toBeUndefined();
    await store.dropSession('cookie-b');
    expect(await store.getSession('cookie-b', now)).toBeUndefined();
  });
});
