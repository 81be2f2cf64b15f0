/**
 * The commands only managers (ADMIN_IDS) may use. For anyone else they fall through to the ordinary
 * bot, which does not advertise them; the terminal chat uses this list to explain how to become one.
 */
export const MANAGER_COMMANDS = ['stats', 'cases', 'case', 'contact', 'rectify', 'close', 'unanswered', 'export', 'reminders'] as const;
