import { join } from 'node:path';
import { chinaDate } from '../../calendar/work-calendar.js';
import { answerVolumeCodec, ratingCodec } from '../../ratings/codecs.js';
import { latestRatings } from '../../ratings/latest-ratings.js';
import { isBadLevel, isSatisfiedLevel } from '../../ratings/levels.js';
import { openLineLog } from '../../ratings/line-log.js';
import { CHANNELS, channelOfChat, type Channel } from '../../ratings/channel.js';
import { periodBounds, periodMonths, type Period } from '../../ratings/period.js';
import { isWithdrawn } from '../../ratings/stats.js';
import type { RatingCase } from '../../ratings/types.js';

/** Counts of one slice (a day, an item, a channel). */
export interface Tally {
  answers: number;
  rated: number;
  satisfied: number;
  bad: number;
}

export interface Breakdown {
  /** One bucket per China day (periods up to 92 days) or per month, oldest first. */
  trend: ({ bucket: string } & Tally)[];
  byItem: Map<string | null, Tally>;
  byChannel: Record<Channel, Tally & { cases: number; complaints: number }>;
}

const empty = (): Tally => ({ answers: 0, rated: 0, satisfied: 0, bad: 0 });

/**
 * The console's slices of a period, read from the same logs the rating service writes (final rating
 * per answer, as in the report): by day or month, by item and by channel. The channel of a rating is
 * the channel of its chat id (see ratings/channel.ts); cases carry it too.
 */
export async function computeBreakdown(input: {
  dataDir: string;
  period: Period;
  windowMs: number;
  cases: readonly RatingCase[];
}): Promise<Breakdown> {
  const { start, end } = periodBounds(input.period);
  const byMonth = end - start > 92 * 86_400_000;
  const bucketOf = (at: number): string => (byMonth ? chinaDate(new Date(at)).slice(0, 7) : chinaDate(new Date(at)));
  const trend = new Map<string, Tally>();
  // Every bucket of the period, so quiet days show as zero rather than vanish from the chart.
  for (let at = start; at < end; at += 86_400_000) {
    if (trend.size > 400) break;
    trend.set(bucketOf(at), trend.get(bucketOf(at)) ?? empty());
  }
  const byItem = new Map<string | null, Tally>();
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, { ...empty(), cases: 0, complaints: 0 }])) as Breakdown['byChannel'];
  const slices = (at: number, intent: string | null, chatId: number | undefined): Tally[] => {
    const b = bucketOf(at);
    if (!trend.has(b)) trend.set(b, empty());
    if (!byItem.has(intent)) byItem.set(intent, empty());
    const out = [trend.get(b) as Tally, byItem.get(intent) as Tally];
    if (chatId !== undefined) out.push(byChannel[channelOfChat(chatId)]);
    return out;
  };
  const months = periodMonths(input.period);

  const ratings = await openLineLog(join(input.dataDir, 'ratings'), ratingCodec);
  for await (const batch of latestRatings(ratings.read(months), input.windowMs)) {
    for (const r of batch) {
      if (r.firstAt < start || r.firstAt >= end) continue;
      for (const t of slices(r.firstAt, r.intent, r.chatId)) {
        t.rated++;
        if (isSatisfiedLevel(r.level)) t.satisfied++;
        if (isBadLevel(r.level)) t.bad++;
      }
    }
  }
  // Volume lines carry no chat id in the fast codec; channel volume comes from the full answer lines.
  const answers = await openLineLog<{ at: number; intent: string | null; chatId: number }>(join(input.dataDir, 'answers'), {
    ...answerVolumeCodec,
    encode: answerVolumeCodec.encode,
    parse: (line: string) => {
      const v = answerVolumeCodec.parse(line);
      const chatId = Number(line.split('\t')[2]);
      return v && { ...v, chatId };
    },
  });
  for await (const batch of answers.read(months)) {
    for (const a of batch) {
      if (a.at < start || a.at >= end) continue;
      for (const t of slices(a.at, a.intent, Number.isSafeInteger(a.chatId) ? a.chatId : undefined)) t.answers++;
    }
  }
  for (const c of input.cases) {
    if (isWithdrawn(c) || c.openedAt < start || c.openedAt >= end) continue;
    const ch = byChannel[c.channel ?? channelOfChat(c.chatId)];
    ch.cases++;
    if (c.source === 'complaint') ch.complaints++;
  }
  return {
    trend: [...trend].sort(([a], [b]) => a.localeCompare(b)).map(([bucket, t]) => ({ bucket, ...t })),
    byItem,
    byChannel,
  };
}

/** Satisfied / rated, or null when nothing was rated. */
export const satisfaction = (t: Pick<Tally, 'rated' | 'satisfied'>): number | null => (t.rated === 0 ? null : t.satisfied / t.rated);
