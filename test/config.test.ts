import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('configuration', () => {
  it('has working defaults: no token means the terminal chat', () => {
    const config = loadConfig({});
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATA_DIR).toBe('./var');
    expect(config.CASE_DUE_WORKING_DAYS).toBe(5);
    expect(config.ADMIN_IDS).toEqual([]);
  });

  it('parses admin ids and the manager chat', () => {
    const config = loadConfig({ ADMIN_IDS: '1, 2，3', MANAGER_CHAT_ID: '-100123' });
    expect(config.ADMIN_IDS).toEqual([1, 2, 3]);
    expect(config.MANAGER_CHAT_ID).toBe(-100123);
  });

  it('names each bad variable and how to fix it', () => {
    const error = (() => {
      try {
        loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/', HTTP_PORT: 'abc', ADMIN_IDS: 'x' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('TELEGRAM_API_ROOT');
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('ADMIN_IDS');
    expect(message).toContain('.env.example');
  });
});
