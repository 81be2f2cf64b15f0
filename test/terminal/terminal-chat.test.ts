import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTerminalChat } from '../../src/terminal/terminal-chat.js';
import { htmlToText } from '../../src/terminal/render-text.js';
import { createTestBot, type TestBot } from '../bot/helpers.js';

async function converse(t: TestBot, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
  });
  const done = runTerminalChat(t.deps, { input, output });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return screen;
}

describe('the terminal chat', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('greets, answers a question as plain text with numbered buttons, and says goodbye at end of input', async () => {
    const screen = await converse(t, ['结婚登记要带什么']);
    expect(screen).toContain('您好');
    expect(screen).toContain('要带这');
    expect(screen).not.toContain('<b>');
    expect(screen).toMatch(/\[\d+\] 🧭 办理流程/);
    expect(screen).toContain('再见');
  });

  it('presses a button when the person types its number', async () => {
    const first = await converse(t, ['办变更要啥材料']);
    const pick = /\[(\d+)\] (社会团体名称变更登记|民办非企业单位（社会服务机构）变更登记|基金会变更登记)/.exec(first);
    expect(pick).not.toBeNull();
    const screen = await converse(t, ['办变更要啥材料', pick?.[1] ?? '']);
    const cards = screen.split('带什么').length - 1;
    expect(cards).toBeGreaterThanOrEqual(1);
    expect(screen).toContain(`📋 ${pick?.[2] ?? ''}`);
  });
});

describe('HTML to terminal text', () => {
  it('keeps link targets and decodes entities', () => {
    expect(htmlToText('<b>A&amp;B</b> <a href="https://x.example">网站</a> &lt;3')).toBe('A&B 网站（https://x.example） <3');
  });
});
