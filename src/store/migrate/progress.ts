/** A one-line progress bar on stderr; silent when stderr is not a terminal (logs, CI, pipes). */
export interface Progress {
  start(label: string, total: number): void;
  tick(n: number): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let label = '';
  let total = 0;
  let count = 0;
  let last = 0;
  const draw = (): void => {
    const width = 30;
    const share = total === 0 ? 1 : Math.min(1, count / total);
    const filled = Math.round(share * width);
    stream.write(`\r${label.padEnd(14)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${count}/${total}`);
  };
  return {
    start(l, t) {
      label = l;
      total = t;
      count = 0;
      if (tty) draw();
    },
    tick(n) {
      count += n;
      const now = Date.now();
      if (tty && now - last > 100) {
        last = now;
        draw();
      }
    },
    done() {
      if (!tty) return;
      draw();
      stream.write('\n');
    },
  };
}
