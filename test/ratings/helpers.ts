import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRatingService, type RatingService } from '../../src/ratings/service.js';

/** A settable clock starting at a China local time. */
export function fakeClock(start: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set(iso) {
      t = Date.parse(iso);
    },
    advance(ms) {
      t += ms;
    },
  };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ratings-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function openService(dir: string, clock: () => Date, overrides: { dueDays?: number; window?: number } = {}): Promise<RatingService> {
  return createRatingService({
    dataDir: dir,
    logger: createSilentLogger(),
    calendar: createWorkCalendar(),
    clock,
    caseDueWorkingDays: overrides.dueDays ?? 5,
    changeWindowMinutes: overrides.window ?? 10,
  });
}
