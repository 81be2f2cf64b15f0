import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('choosing the store', () => {
  it('keeps lowdb as the default', () => {
    expect(loadConfig({}).STORAGE).toBe('lowdb');
  });

  it('asks for DATABASE_URL when STORAGE=postgres, with an example', () => {
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(/DATABASE_URL.*postgres:\/\//);
  });

  it('takes a postgres:// URL and refuses an unknown store', () => {
    const config = loadConfig({ STORAGE: 'postgres', DATABASE_URL: 'postgres://bot:pw@db:5432/minzheng' });
    expect(config.DATABASE_URL).toBe('postgres://bot:pw@db:5432/minzheng');
    expect(() => loadConfig({ STORAGE: 'mysql' })).toThrow(/STORAGE/);
  });
});
