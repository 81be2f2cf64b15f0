/**
 * kill -9 soak (issue 12): real child processes killed with SIGKILL at random moments, restarted on
 * the same DATA_DIR, everything on loopback. Bounded: `--seconds N` per part (default 90).
 *
 *   node --import tsx bench/kill-soak.ts [--seconds 90] [--seed 1]
 *
 * Ratings: children rate answers (a third 差评) and print each acknowledged one; at the end the store
 * is opened once more (as the bot does at start) and compared with the acknowledgements.
 * Reminders: children run a reminder pass for 300 subscribed organisations over the real Bot API
 * sender and the bot's API transformers, against a fault-injecting Bot API that also drops 3% of the
 * connections after accepting the message; killed mid-pass and restarted until a pass completes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkCalendar } from '../src/calendar/work-calendar.js';
import { createSilentLogger } from '../src/logger.js';
import { isBadLevel, type RatingLevel } from '../src/ratings/levels.js';
import { createRatingService } from '../src/ratings/service.js';
import { createReminderService } from '../src/reminders/service.js';
import { startFaultBotApi } from '../test/support/fault-bot-api.js';
import { soakCatalog, soakClock } from './soak/soak-common.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 90);
let seed = arg('seed', 1);
/** Deterministic random numbers (mulberry32), so a run can be repeated. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface ChildRun {
  lines: string[];
  stderr: string;
  killed: boolean;
  code: number | null;
}

/** Spawns a child (asynchronously), kills it -9 `killAfterMs` after it says "ready" (never if undefined). */
function runChild(script: string, childArgs: string[], killAfterMs: number | undefined, onLine: (l: string) => void): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...childArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        onLine(l);
        if (l === 'ready' && killAfterMs !== undefined) {
          setTimeout(() => {
            if (child.exitCode === null) {
              killed = true;
              child.kill('SIGKILL');
            }
          }, killAfterMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!killed && code !== 0) reject(new Error(`${script} exited ${String(code)}: ${stderr.slice(-2000)}`));
      else resolve({ lines, stderr, killed, code });
    });
  });
}

async function soakRatings(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'soak-ratings-'));
  const acked = new Map<string, RatingLevel>();
  let kills = 0;
  let repairedAtStart = 0;
  const until = Date.now() + SECONDS * 1000;
  while (Date.now() < until) {
    const run = await runChild('bench/soak/rating-child.ts', [dir], 200 + Math.floor(random() * 1500), (l) => {
      const [tag, id, level] = l.split(' ');
      if (tag === 'ack' && id) acked.set(id, Number(level) as RatingLevel);
    });
    repairedAtStart += run.stderr.split('rating case repaired').length - 1;
    kills++;
  }
  // What is on disk before any repair: rating lines per answer, and the cases file.
  const lines = new Map<string, number>();
  for (const f of await readdir(join(dir, 'ratings'))) {
    for (const line of (await readFile(join(dir, 'ratings', f), 'utf8')).split('\n')) {
      const id = line.split('\t')[0];
      if (id && line.endsWith('\t$')) lines.set(id, (lines.get(id) ?? 0) + 1);
    }
  }
  const casesBefore = JSON.parse(await readFile(join(dir, 'cases.json'), 'utf8')) as { cases: { answerId?: string }[] };
  const withCase = (ids: Set<string | undefined>) => [...lines.keys()].filter((id) => !ids.has(id));
  const badStored = [...lines.keys()].filter((id) => isBadLevel(acked.get(id) ?? 5));
  const orphansOnDisk = withCase(new Set(casesBefore.cases.map((c) => c.answerId))).filter((id) => badStored.includes(id)).length;
  // Start once more, as the bot does after the last kill: the repair runs here.
  const svc = await createRatingService({
    dataDir: dir, logger: createSilentLogger(), calendar: createWorkCalendar(), clock: () => new Date(),
    caseDueWorkingDays: 5, changeWindowMinutes: 10,
  });
  const caseIds = new Set(svc.openCases().map((c) => c.answerId));
  await svc.close();
  const bad = [...acked].filter(([, level]) => isBadLevel(level));
  const result = {
    kills,
    acknowledged: acked.size,
    stored: [...acked.keys()].filter((id) => lines.has(id)).length,
    duplicated: [...lines.values()].filter((n) => n > 1).length,
    badAcknowledged: bad.length,
    casesRepairedAtStart: repairedAtStart,
    badWithoutCaseOnDiskBeforeRestart: orphansOnDisk,
    badWithoutCaseAfterRestart: bad.filter(([id]) => !caseIds.has(id)).length,
  };
  await rm(dir, { recursive: true, force: true });
  return result;
}

async function soakReminders(): Promise<Record<string, number>> {
  const api = await startFaultBotApi();
  const totals = { rounds: 0, kills: 0, due: 0, delivered: 0, lost: 0, duplicated: 0, droppedConnections: 0, unconfirmedReported: 0 };
  const until = Date.now() + SECONDS * 1000;
  let chatBase = 0;
  while (Date.now() < until) {
    const dir = await mkdtemp(join(tmpdir(), 'soak-reminders-'));
    const N = 300;
    const setup = await createReminderService({
      dataDir: dir, logger: createSilentLogger(), catalog: soakCatalog(), calendar: createWorkCalendar(), clock: soakClock(),
      rulesFile: 'data/reminder-rules.yaml', sender: { send: () => Promise.resolve({ status: 'failed', description: 'setup' }) },
    });
    const chats: number[] = [];
    for (let i = 1; i <= N; i++) {
      const chatId = chatBase + i;
      chats.push(chatId);
      const body = `51110000MJ${String(chatId).padStart(7, '0')}`;
      await setup.subscribe({ chatId, code: withCheck(body), name: `协会${chatId}`, kind: '社会团体' });
    }
    chatBase += N;
    api.script = (c) => (c.method === 'sendMessage' && random() < 0.03 ? (totals.droppedConnections++, { drop: true }) : undefined);
    let done = false;
    while (!done) {
      const run = await runChild('bench/soak/reminder-child.ts', [dir, api.apiRoot], 300 + Math.floor(random() * 3000), (l) => {
        if (l.startsWith('done ')) totals.unconfirmedReported += (JSON.parse(l.slice(5)) as { unconfirmed: number }).unconfirmed;
      });
      if (run.killed) totals.kills++;
      done = run.lines.some((l) => l.startsWith('done '));
    }
    const count = new Map<number, number>();
    for (const m of api.accepted) if (chats.includes(m.chatId)) count.set(m.chatId, (count.get(m.chatId) ?? 0) + 1);
    totals.rounds++;
    totals.due += N;
    totals.delivered += chats.filter((c) => count.has(c)).length;
    totals.lost += chats.filter((c) => !count.has(c)).length;
    totals.duplicated += [...count.values()].filter((n) => n > 1).length;
    await rm(dir, { recursive: true, force: true });
  }
  await api.close();
  return totals;
}

/** Completes an 18-character 统一社会信用代码 body (17 characters) with its check character. */
function withCheck(body17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(body17[i] ?? '0') * (weights[i] ?? 0);
  return body17 + (alphabet[(31 - (sum % 31)) % 31] ?? '0');
}

const ratings = await soakRatings();
console.log('ratings', JSON.stringify(ratings));
const reminders = await soakReminders();
console.log('reminders', JSON.stringify(reminders));
