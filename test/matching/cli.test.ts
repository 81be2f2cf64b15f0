import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the matcher CLI as a user would, feeding `input` on stdin. */
function runCli(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/matching/cli.ts', ...args], {
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('the match CLI', () => {
  it('writes one JSON object a line, in the order of the questions', async () => {
    const { code, stdout } = await runCli(['--json'], '离婚冷静期是多少天\n我们要变更法人\n公积金怎么提取\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ query: '离婚冷静期是多少天', intent: 'marriage.divorce', clarify: false });
    expect(lines[1]).toMatchObject({ intent: null, clarify: true });
    expect((lines[1]!.candidates as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(lines[2]).toMatchObject({ intent: null, clarify: false, candidates: [] });
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['candidates', 'clarify', 'intent', 'query', 'score']);
  });

  it('writes a readable Chinese line per question without --json', async () => {
    const { code, stdout } = await runCli([], '低保怎么申请\n');
    expect(code).toBe(0);
    expect(stdout).toContain('最低生活保障');
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('fails with a clear message when the data directory is wrong', async () => {
    const { code, stderr } = await runCli(['--data', 'no-such-dir'], '你好\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-dir/);
  });
});
