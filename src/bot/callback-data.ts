import type { z } from 'zod';

/** Telegram's hard limit for callback_data, in bytes (a Chinese character takes 3). */
export const CALLBACK_DATA_MAX_BYTES = 64;

export interface CallbackCodec<T> {
  readonly prefix: string;
  /** Matches any data with this prefix, valid or not, so forged data reaches `unpack` and gets a polite answer. */
  readonly match: RegExp;
  pack(data: T): string;
  unpack(raw: string): T | undefined;
}

/**
 * Defines a callback-data format `prefix:field1:field2…` (fields in the schema's key order), validated
 * with zod on the way in and checked against the 64-byte limit on the way out.
 */
export function defineCallback<S extends z.ZodObject>(prefix: string, schema: S): CallbackCodec<z.infer<S>> {
  const keys = Object.keys(schema.shape);
  return {
    prefix,
    match: new RegExp(`^${prefix}(?::|$)`),
    pack(data) {
      const record = data as Record<string, unknown>;
      const raw = [prefix, ...keys.map((k) => String(record[k] ?? ''))].join(':');
      if (Buffer.byteLength(raw, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
        throw new RangeError(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${raw}`);
      }
      return raw;
    },
    unpack(raw) {
      const parts = raw.split(':');
      if (parts[0] !== prefix || parts.length !== keys.length + 1) return undefined;
      const record = Object.fromEntries(keys.map((k, i) => [k, parts[i + 1]]));
      const parsed = schema.safeParse(record);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
