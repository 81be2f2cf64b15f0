import { benchBot } from './bot.js';
import { benchMatcher } from './matcher.js';
import { benchRatings } from './ratings.js';
import { benchReminders } from './reminders.js';

/**
 * `npm run bench` runs every section in order; `npm run bench -- bot` (or several names, or a part
 * of a name) runs only the sections named.
 */
const SECTIONS: { name: string; run: () => Promise<void> }[] = [
  { name: 'matcher', run: benchMatcher },
  { name: 'bot', run: benchBot },
  { name: 'ratings', run: benchRatings },
  { name: 'reminders', run: benchReminders },
];

async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const chosen = filters.length === 0 ? SECTIONS : SECTIONS.filter((s) => filters.some((f) => s.name.includes(f)));
  if (chosen.length === 0) {
    console.error(`No bench section matches ${filters.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'on' : 'off (run with node --expose-gc)';
  console.log(`# minzheng-bot benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, gc ${gc}`);
  console.log(`Sections: ${chosen.map((s) => s.name).join(', ')}`);
  for (const section of chosen) await section.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
