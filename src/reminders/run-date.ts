import { isCalendarDate, quoteInput } from '../calendar/calendar-date.js';

/** Why a date given for a reminder pass was refused; `message` can be shown as it is. */
export interface RunDateProblem {
  reason: 'not-a-date' | 'future';
  message: string;
}

/**
 * Checks the day a reminder pass is asked for, in the chat command and the CLI alike: a real calendar
 * day (2027-99-99, ../../../x and 0000-00-00 are not), and for a real send not after today (China
 * time): a pass sent "for" a future day would record that day as done and skip the real one.
 * A dry run may look at any day.
 * @returns undefined when the date is fine.
 */
export function checkRunDate(text: string, options: { today: string; dryRun: boolean }): RunDateProblem | undefined {
  if (!isCalendarDate(text)) {
    return {
      reason: 'not-a-date',
      message: `“${quoteInput(text)}”不是有效的日期。请写成 年-月-日，例如 ${options.today}。`,
    };
  }
  if (!options.dryRun && text > options.today) {
    return {
      reason: 'future',
      message: `${text} 还没到，不能按将来的日期发送提醒（今天是 ${options.today}）。`,
    };
  }
  return undefined;
}
