import { join } from 'node:path';
import { z } from 'zod';
import { WEB_ID_END, WEB_ID_MIN } from '../ratings/channel.js';
import { openJsonFile } from '../store/json-file.js';

/** Hands out the web channel's synthetic chat ids, never the same one twice, across restarts. */
export interface WebIdAllocator {
  next(): Promise<number>;
}

const FileSchema = z.object({ version: z.literal(1), reservedUpTo: z.number().int() });
/** Ids reserved per write (per round trip with PostgreSQL). */
export const WEB_ID_BLOCK = 256;

/**
 * Ids come from `DATA_DIR/web-sessions.json` in reserved blocks: one file write per 256 new sessions,
 * and a crash skips the rest of a block rather than reusing an id (two people sharing a conversation).
 */
export async function openWebIdAllocator(dataDir: string): Promise<WebIdAllocator> {
  const file = await openJsonFile(join(dataDir, 'web-sessions.json'), {
    schema: FileSchema,
    version: 1,
    defaults: () => ({ version: 1, reservedUpTo: WEB_ID_MIN }),
  });
  let next = file.data.reservedUpTo;
  let end = next;
  let reserving: Promise<void> | undefined;
  const reserve = async (): Promise<void> => {
    const upTo = Math.min(file.data.reservedUpTo + WEB_ID_BLOCK, WEB_ID_END);
    await file.update((d) => {
      d.reservedUpTo = upTo;
    });
    next = Math.max(next, upTo - WEB_ID_BLOCK);
    end = upTo;
  };
  return {
    async next() {
      while (next >= end) {
        if (end >= WEB_ID_END) throw new RangeError('web session ids exhausted');
        reserving ??= reserve().finally(() => (reserving = undefined));
        await reserving;
      }
      return next++;
    },
  };
}
