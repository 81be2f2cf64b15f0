import { HELP_LINES } from '../../answers/system.js';

/** The help text, for /start and /help. */
export const HELP_TEXT = HELP_LINES.join('\n');
