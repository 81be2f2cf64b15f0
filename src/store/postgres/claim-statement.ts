import type { ChatRow } from './chat-store.js';
import { staleClaim } from './instance-beat.js';

/**
 * Claims, per-user counts and chat states for many updates in one statement. Rows are taken in key
 * order, so two instances' batches wait for each other instead of deadlocking. A chat's row comes
 * back only when its version is not the one this instance sent ($7: the copy it holds, written or
 * read here last), or as null when the row is gone: on one instance, no row travels at all. The
 * lookup is by key, one row each (LIMIT 1 keeps the subquery from being flattened: as a plain join
 * its generic plan was a hash join over the whole table). Whether an update not claimed was already
 * handled is not read here: that is a redelivery, rare, and asked after (CLAIM_DONE); reading it for
 * every batch cost the server a tenth of this statement. The objects are json, not jsonb: they only
 * travel to the driver, and building jsonb cost the server 12-15% more time on this statement at 32
 * updates; and all of it is one document, which the driver reads with one JSON.parse rather than
 * four columns and a bigint[] parsed in JavaScript.
 */
export const CLAIM_BATCH = {
  name: 'mz_claim_batch',
  text: `WITH input AS (SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS t(update_id, user_id)),
  claim AS (
    INSERT INTO processed_updates (update_id, claimed_by) SELECT update_id, $4 FROM input ORDER BY update_id
    ON CONFLICT (update_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, at = now()
      WHERE ${staleClaim('$5')}
    RETURNING update_id),
  counted AS (
    SELECT i.user_id, count(*)::int AS n FROM input i JOIN claim c USING (update_id)
    WHERE i.user_id IS NOT NULL GROUP BY i.user_id),
  hit AS (
    INSERT INTO rate_limits (user_id, window_start, hits) SELECT user_id, $6::bigint, n FROM counted ORDER BY user_id
    ON CONFLICT (user_id, window_start) DO UPDATE SET hits = rate_limits.hits + EXCLUDED.hits
    RETURNING user_id, hits)
SELECT json_build_object(
  'claimed', (SELECT coalesce(json_agg(update_id), '[]') FROM claim),
  'hits', (SELECT coalesce(json_object_agg(user_id, hits), '{}') FROM hit),
  'states', (SELECT coalesce(json_object_agg(k.chat_id, CASE WHEN s.version IS NULL THEN NULL ELSE json_build_object('s', s.state, 'v', s.version) END), '{}')
    FROM unnest($3::bigint[], $7::bigint[]) AS k(chat_id, version)
    LEFT JOIN LATERAL (SELECT state, version FROM chat_state WHERE chat_id = k.chat_id LIMIT 1) s ON true
    WHERE s.version IS DISTINCT FROM k.version)) AS batch`,
};

export interface BatchRow { claimed: number[]; hits: Record<string, number>; states: Record<string, ChatRow | null> }

/** Of the updates a batch did not claim, those already handled (the others are in hand elsewhere). */
export const CLAIM_DONE = {
  name: 'mz_claim_done',
  text: 'SELECT coalesce(json_agg(update_id), \'[]\') AS done FROM processed_updates WHERE update_id = ANY($1::bigint[]) AND done',
};
