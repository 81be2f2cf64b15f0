/** Runs only the matcher benchmark: `npx tsx bench/matcher-main.ts`. */
import { benchMatcher } from './matcher.js';

await benchMatcher();
