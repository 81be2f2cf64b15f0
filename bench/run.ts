import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` runs every section, each in a fresh child process so one section's memory never
 * inflates the next one's RSS figures; `npm run bench -- bot` (or several names, or a part of a
 * name) runs only the sections named.
 */
const SECTIONS: { name: string; run: () => Promise<void> }[] = [
  { name: 'matcher', run: async () => (await import('./matcher.js')).benchMatcher() },
  { name: 'matcher-scope', run: async () => (await import('./matcher-scope.js')).benchMatcherScope() },
  { name: 'bot', run: async () => (await import('./bot.js')).benchBot() },
  { name: 'ratings', run: async () => (await import('./ratings.js')).benchRatings() },
  { name: 'reminders', run: async () => (await import('./reminders.js')).benchReminders() },
  { name: 'reminders-store', run: async () => (await import('./reminders.js')).benchReminderStore() },
  { name: 'web', run: async () => (await import('./web.js')).benchWeb() },
  { name: 'postgres', run: async () => (await import('./postgres.js')).benchPostgres() },
];

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  if (first === '--section' && rest[0]) {
    const section = SECTIONS.find((s) => s.name === rest[0]);
    if (!section) throw new Error(`unknown section ${rest[0]}`);
    await section.run();
    return;
  }
  const filters = [first, ...rest].filter((a): a is string => a !== undefined).map((a) => a.toLowerCase());
  const chosen = filters.length === 0 ? SECTIONS : SECTIONS.filter((s) => filters.some((f) => s.name.includes(f)));
  if (chosen.length === 0) {
    console.error(`No bench section matches ${filters.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'on' : 'off (run with node --expose-gc)';
  console.log(`# minzheng-bot benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, gc ${gc}`);
  console.log(`Sections: ${chosen.map((s) => s.name).join(', ')} (each in its own process)`);
  for (const section of chosen) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--section', section.name], {
      stdio: 'inherit',
    });
    if (child.status !== 0) throw new Error(`bench section ${section.name} failed (exit ${child.status ?? child.signal})`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
