import type pg from 'pg';
import { WEB_ID_BLOCK, type WebIdAllocator } from '../../web/session-ids.js';

/**
 * The web chat's ids from the web_chat_ids sequence, a block of 256 per round trip: instances never
 * hand out the same id (two people would share a conversation), and a crash skips the rest of a block.
 */
export function createPgWebIdAllocator(pool: pg.Pool): WebIdAllocator {
  let next = 0;
  let end = 0;
  let reserving: Promise<void> | undefined;
  const reserve = async (): Promise<void> => {
    try {
      const { rows } = await pool.query<{ start: number }>("SELECT nextval('web_chat_ids') AS start");
      next = rows[0]?.start ?? 0;
      end = next + WEB_ID_BLOCK;
    } catch (error) {
      // 2200H sequence_generator_limit_exceeded: the sequence reached its maximum value.
      if ((error as { code?: string }).code === '2200H') throw new RangeError('web session ids exhausted');
      throw error;
    }
  };
  return {
    async next() {
      while (next >= end) {
        reserving ??= reserve().finally(() => (reserving = undefined));
        await reserving;
      }
      return next++;
    },
  };
}
