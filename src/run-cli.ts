import { AppError } from './errors.js';
import { exitCodeOf } from './exit-codes.js';

/**
 * Runs a command-line entry point: its resolved number is the exit code. A thrown error is printed
 * on stderr as its message alone when it is one of ours or a bad argument (they say how to fix it),
 * followed by `usage` for a bad argument; the exit code comes from exitCodeOf (2 usage, 1 failure).
 */
export function runCli(main: (argv: string[]) => Promise<number>, usage?: string): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const code = exitCodeOf(error);
      const known = error instanceof AppError || code === 2;
      console.error(known && error instanceof Error ? error.message : error);
      if (code === 2 && usage) console.error(`\n${usage}`);
      process.exitCode = code;
    },
  );
}
