import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkCalendar } from '../../src/calendar/work-calendar.js';
import type { Material } from '../../src/catalog/schema.js';
import type { Catalog, CatalogItem } from '../../src/catalog/types.js';
import { createSilentLogger } from '../../src/logger.js';
import { creditCheckChar } from '../../src/reminders/credit-code.js';
import { createReminderService, type ReminderService } from '../../src/reminders/service.js';
import type { ReminderMessage, ReminderSender, SendOutcome } from '../../src/reminders/types.js';

export const RULES_FILE = 'data/reminder-rules.yaml';

/** A valid code with the given 17-character body (check character computed by our own function). */
export function codeWith(body: string): string {
  return body + creditCheckChar(body);
}

/** Valid codes of each kind, distinct by a serial number in the organisation-code part. */
export function socialGroupCode(n = 1): string {
  return codeWith(`51330000MJ${String(n).padStart(7, '0')}`);
}
export function privateNonEnterpriseCode(n = 1): string {
  return codeWith(`52330000MJ${String(n).padStart(7, '0')}`);
}
export function foundationCode(n = 1): string {
  return codeWith(`53330000MJ${String(n).padStart(7, '0')}`);
}

const made: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'minzheng-reminders-'));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export const MATERIALS: Material[] = [
  { name: '年度工作报告书', form: '电子材料', copies: 1, required: true },
  { name: '财务会计报告', form: '电子材料', copies: 1, required: true },
  { name: '审计报告', form: '电子材料', copies: 1, required: false, condition: '基金会或换届、法定代表人离任的' },
];

/** A catalog that knows only the 年检 item, with three materials. */
export function fakeCatalog(materials: Material[] = MATERIALS): Catalog {
  const item = { id: 'social-org.annual-inspection', name: '社会组织年度检查', materials } as unknown as CatalogItem;
  return {
    current: () => {
      throw new Error('not used');
    },
    get: (id) => (id === item.id ? item : undefined),
    onReload: () => () => undefined,
    close: () => undefined,
  };
}

export interface SentMessage {
  chatId: number;
  message: ReminderMessage;
}

/** A scripted sender: `script(chatId, attempt)` decides each outcome (default: ok). */
export function fakeSender(script?: (chatId: number, attempt: number) => SendOutcome | Promise<SendOutcome>): ReminderSender & {
  sent: SentMessage[];
  attempts: number;
} {
  const perChat = new Map<number, number>();
  const sender = {
    sent: [] as SentMessage[],
    attempts: 0,
    async send(chatId: number, message: ReminderMessage): Promise<SendOutcome> {
      sender.attempts++;
      const n = (perChat.get(chatId) ?? 0) + 1;
      perChat.set(chatId, n);
      const outcome = script ? await script(chatId, n) : { status: 'ok' as const };
      if (outcome.status === 'ok') sender.sent.push({ chatId, message });
      return outcome;
    },
  };
  return sender;
}

/** 09:00 China time on a date (01:00 UTC). */
export function chinaMorning(date: string, hhmm = '09:00'): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

export interface ServiceFixture {
  service: ReminderService;
  dataDir: string;
  setNow(date: Date): void;
}

/** A service on a temp data dir with the shipped rules, a fake catalog and a controllable clock. */
export async function makeService(sender: ReminderSender, options: { dataDir?: string; now?: Date } = {}): Promise<ServiceFixture> {
  const dataDir = options.dataDir ?? (await tempDir());
  let now = options.now ?? chinaMorning('2026-03-24');
  const service = await createReminderService({
    dataDir,
    logger: createSilentLogger(),
    catalog: fakeCatalog(),
    calendar: createWorkCalendar(),
    clock: () => now,
    rulesFile: RULES_FILE,
    sender,
    // No real waiting in unit tests: sleeping moves the service's clock (the queue's pacing is
    // tested on its own with fake timers).
    sleep: (ms) => {
      now = new Date(now.getTime() + ms);
      return Promise.resolve();
    },
    ratePerSecond: 1000,
  });
  return {
    service,
    dataDir,
    setNow(date) {
      now = date;
    },
  };
}
