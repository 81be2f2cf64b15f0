import type { Logger } from '../logger.js';
import type { PassReport, RunPassOptions } from './service.js';

/** True when `instant` falls inside quiet hours (China time); a range like 21:00–08:00 wraps midnight. */
export function inQuietHours(instant: Date, quiet: { start: string; end: string }): boolean {
  const hhmm = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return quiet.start <= quiet.end ? hhmm >= quiet.start && hhmm < quiet.end : hhmm >= quiet.start || hhmm < quiet.end;
}

export interface PassRunnerDeps {
  today: () => string;
  clock: () => Date;
  quietHours: { start: string; end: string };
  log: Logger;
}

/**
 * What every reminder store does around a pass, whatever it keeps the ledger in: one pass at a time,
 * none in quiet hours (a dry run may), the report timed and logged. `body` fills the report.
 */
export function createPassRunner(deps: PassRunnerDeps) {
  let running = false;
  return async function runPass(
    options: RunPassOptions,
    body: (report: PassReport) => Promise<void>,
    logFields: Record<string, unknown> = {},
  ): Promise<PassReport> {
    const started = Date.now();
    const date = options.date ?? deps.today();
    const dryRun = options.dryRun ?? false;
    const report: PassReport = { date, dryRun, planned: [], sent: 0, blocked: 0, failed: 0, unconfirmed: 0, rateLimited: 0, elapsedMs: 0 };
    if (running) return { ...report, skipped: 'already-running' };
    if (!dryRun && !options.ignoreQuietHours && inQuietHours(deps.clock(), deps.quietHours)) {
      deps.log.info({ date }, 'reminder pass skipped: quiet hours');
      return { ...report, skipped: 'quiet-hours' };
    }
    running = true;
    try {
      await body(report);
      report.elapsedMs = Date.now() - started;
      const { planned: _planned, ...counts } = report;
      deps.log.info({ ...counts, planned: report.planned.length, ...logFields }, 'reminder pass done');
      return report;
    } finally {
      running = false;
    }
  };
}
