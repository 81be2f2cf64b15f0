import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function runMain(env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', BOT_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('starting the bot', () => {
  it('runs the terminal chat without a token and answers from stdin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-main-'));
    const result = await runMain({ DATA_DIR: dir }, '低保怎么申请\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('最低生活保障');
  });

  it('refuses to start on a corrupt store file, names it, and never overwrites it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-main-'));
    const file = join(dir, 'chats.json');
    const broken = '{"version": 1, "chats": {"1": ';
    await writeFile(file, broken);
    const result = await runMain({ DATA_DIR: dir }, '你好\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('不会覆盖');
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('refuses a ratings folder swapped for a file, naming it, without a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-main-'));
    await writeFile(join(dir, 'ratings'), 'not a folder');
    const result = await runMain({ DATA_DIR: dir }, '你好\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(join(dir, 'ratings'));
    expect(result.stderr).toContain('文件夹');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad environment variable with its name', async () => {
    const result = await runMain({ HTTP_PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP_PORT');
  });
});

describe('the terminal chat process', () => {
  it('shuts down on Ctrl+C (SIGINT) as on Ctrl+D: says goodbye, exits 0 and releases the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', BOT_TOKEN: '', DATA_DIR: dir },
    });
    let stdout = '';
    const greeted = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('欢迎')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await greeted;
    await access(join(dir, '.lock'));
    // npm forwards the terminal's SIGINT, so the process gets it twice: both must end it gently.
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('再见');
    await expect(access(join(dir, '.lock'))).rejects.toThrow();
  }, 30_000);

  it('prints 正在加载… before anything else when started through src/start.ts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mz-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', BOT_TOKEN: '', DATA_DIR: dir },
    });
    const order: string[] = [];
    child.stderr.on('data', (d: Buffer) => order.push(`err:${d.toString()}`));
    child.stdout.on('data', (d: Buffer) => order.push(`out:${d.toString()}`));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end('你好\n');
    expect(await exited).toBe(0);
    expect(order[0]).toBe('err:正在加载…\n');
    expect(order.join('')).toContain('再见');
  }, 30_000);
});
