/**
 * Runs a command-line entry point: its resolved number is the exit code; a thrown error is printed
 * as its message alone (our errors say how to fix the problem) and exits 2.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
}
