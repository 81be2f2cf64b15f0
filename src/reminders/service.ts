import type { Catalog } from '../catalog/types.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { Logger } from '../logger.js';
import type { ReminderRules } from './rules.js';
import type { Clock, OrgKind, ReminderSender } from './types.js';
import type { PlannedReminder } from './plan.js';
import type { DeadlineRef } from './submissions.js';
import { createReminderServiceImpl } from './service-impl.js';

export type { Clock, OrgKind, ReminderSender, SendOutcome, ReminderMessage } from './types.js';
export type { DeadlineRef } from './submissions.js';

/**
 * Where one subscription stands in its current reporting year: `submitted` once every deadline of
 * the year is marked 已提交; otherwise upcoming or overdue by its next open deadline.
 */
export type SubscriptionStatus = 'submitted' | 'upcoming' | 'overdue' | 'paused';

/** One published deadline of the followed year, and whether 已提交 was pressed for it. */
export interface DeadlineView {
  deadlineId: string;
  title: string;
  to: string;
  date: string;
  daysLeft: number;
  submitted: boolean;
}

/** A subscription as shown to its chat and to managers. */
export interface SubscriptionView {
  chatId: number;
  code: string;
  name: string;
  kind: OrgKind;
  createdAt: string;
  /** The calendar year whose deadlines are being followed (the report covers the year before). */
  year: number;
  status: SubscriptionStatus;
  /**
   * The deadline to watch: the next open one not yet passed, else the last open one passed; when all
   * are submitted, the next one not yet passed, else the year's last.
   */
  next?: Omit<DeadlineView, 'submitted'>;
  /** Every deadline of `year`, earliest first. */
  deadlines: DeadlineView[];
}

/** What a 已提交 press recorded. */
export interface SubmittedResult {
  view: SubscriptionView;
  /** The deadline marked (its calendar year may differ from `view.year` for a late press). */
  deadline: DeadlineView & { year: number };
  /** True when that deadline had been marked before (the button pressed twice). */
  already: boolean;
  /** The deadlines of the same year still open, earliest first: they are still reminded. */
  remaining: DeadlineView[];
}

export interface RunPassOptions {
  /** The day to plan for, YYYY-MM-DD (China time); defaults to today. */
  date?: string;
  /** List what would be sent without sending or recording anything. */
  dryRun?: boolean;
  /** Send even inside the rules' quiet hours (a manager's explicit run). */
  ignoreQuietHours?: boolean;
}

export interface PassReport {
  date: string;
  dryRun: boolean;
  /** Set when nothing was attempted and why. */
  skipped?: 'quiet-hours' | 'already-running';
  planned: PlannedReminder[];
  sent: number;
  blocked: number;
  failed: number;
  /** Sends that may or may not have arrived (in flight at a crash, or a dropped connection): not resent. */
  unconfirmed: number;
  /** 429 answers received (each one waited out and retried). */
  rateLimited: number;
  elapsedMs: number;
}

export interface ReminderSummary {
  year: number;
  total: number;
  byKind: Record<OrgKind, number>;
  submitted: number;
  upcoming: number;
  /** Fewest days left among organisations not yet submitted, if any. */
  minDaysLeft?: number;
  overdue: number;
  paused: number;
  blockedChats: number;
  lastRun?: string;
}

export type SubscribeResult =
  | { status: 'created' | 'updated'; view: SubscriptionView }
  | { status: 'limit'; max: number };

/** Annual-report reminders: subscriptions, the idempotent reminder pass, and manager views. */
export interface ReminderService {
  readonly rules: ReminderRules;
  /** Follows an organisation from a chat; subscribing again updates name and kind and resumes it. */
  subscribe(input: { chatId: number; code: string; name: string; kind: OrgKind }): Promise<SubscribeResult>;
  /** Stops following one organisation (by credit code) or all of them; returns how many were removed. */
  unsubscribe(chatId: number, code: string | 'all'): Promise<number>;
  list(chatId: number): SubscriptionView[];
  find(chatId: number, code: string): SubscriptionView | undefined;
  /**
   * The 已提交 button: no more reminders for that one deadline (`ref`); the organisation's other
   * deadlines keep theirs. Without `ref` (a button sent before buttons named their deadline), the
   * earliest open deadline of the year being followed.
   */
  markSubmitted(chatId: number, code: string, ref?: DeadlineRef): Promise<SubmittedResult | undefined>;
  /** Un-pauses every subscription of a chat that had blocked the bot and now talks to it again. */
  resumeChat(chatId: number): Promise<number>;
  /** The 年检 checklist lines from the catalog (what to prepare). */
  checklist(): string[];
  /** Runs (or, with dryRun, plans) the reminder pass for a day. Never sends a stage twice. */
  runPass(options?: RunPassOptions): Promise<PassReport>;
  /** The China date of the last completed non-dry pass. */
  lastRunDate(): string | undefined;
  summary(): ReminderSummary;
  /** Every subscription where it stands today (the managers' console lists them by status). */
  views(): SubscriptionView[];
  /** All subscriptions as CSV with a UTF-8 BOM (Excel opens it correctly). */
  exportCsv(): string;
}

export interface ReminderServiceDeps {
  dataDir: string;
  logger: Logger;
  catalog: Catalog;
  calendar: WorkCalendar;
  clock: Clock;
  /** Path of data/reminder-rules.yaml. */
  rulesFile: string;
  sender: ReminderSender;
  /** Waits; injected so tests with fake timers and benchmarks control time. */
  sleep?: (ms: number) => Promise<void>;
  /** Overrides the rules' send rate (messages per second), for benchmarks. */
  ratePerSecond?: number;
}

/**
 * Opens the reminder store in `dataDir` and loads the rules file.
 * The caller must hold the DATA_DIR lock (the bot does; the CLI takes it).
 * @throws ReminderRulesError naming file and field when the rules file is invalid.
 * @throws StoreCorruptError when the reminder store cannot be read.
 */
export async function createReminderService(deps: ReminderServiceDeps): Promise<ReminderService> {
  return createReminderServiceImpl(deps);
}

export { startReminderSchedule, type ReminderSchedule } from './schedule.js';
