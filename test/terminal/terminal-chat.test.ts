import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTerminalChat } from '../../src/terminal/terminal-chat.js';
import { kindKeyboard } from '../../src/bot/keyboards/reminders.js';
import { creditCheckChar } from '../../src/reminders/credit-code.js';
import { htmlToText, renderButtons } from '../../src/terminal/render-text.js';
import { createTestBot, type TestBot } from '../bot/helpers.js';

async function converse(t: TestBot, lines: string[], signal?: AbortSignal): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
  });
  const done = runTerminalChat(t.deps, { input, output, ...(signal ? { signal } : {}) });
  for (const line of lines) input.write(`${line}\n`);
  if (!signal) input.end();
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

const OTHER_MINZHENG = `59330000MJ0000001${creditCheckChar('59330000MJ0000001')}`;

/** The screen after the last bot message that starts with `marker`. */
function after(screen: string, marker: string): string {
  return screen.slice(screen.lastIndexOf(marker));
}

describe('terminal buttons', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('numbers the buttons of the latest message from 1 and presses them by that number', async () => {
    const first = await converse(t, ['结婚登记要带什么']);
    // The card's own buttons: 常见问题 is one of them, numbered from 1 within this message.
    const faqButton = /\[(\d+)\] ❓ 常见问题/.exec(first)?.[1] ?? '';
    expect(Number(faqButton)).toBeGreaterThan(1);
    const screen = await converse(t, ['结婚登记要带什么', faqButton]);
    // The FAQ message's own buttons start again at 1, however many the card had.
    const faq = after(screen, '常见问题\n');
    expect(faq).toMatch(/\[1\] /);
    const guideButton = /\[(\d+)\] 📖 完整指南/.exec(faq)?.[1] ?? '';
    expect(guideButton).not.toBe('');
    const again = await converse(t, ['结婚登记要带什么', faqButton, guideButton]);
    // The last message is the full guide, with its steps.
    expect(after(again, '🤖')).toContain('办理流程');
    expect(after(again, '🤖')).toContain('1. ');
  });

  it('takes a number that is no current button as a question', async () => {
    const screen = await converse(t, ['结婚登记要带什么', '1084']);
    expect(after(screen, '非常不满意')).toContain('没能对上');
  });

  it('prints nothing for buttons taken away, and one message for the 取消 button', async () => {
    const cancel = renderButtons(kindKeyboard().inline_keyboard).lines.join(' ');
    const number = /\[(\d+)\] 取消/.exec(cancel)?.[1] ?? '';
    expect(number).not.toBe('');
    const screen = await converse(t, ['/subscribe', OTHER_MINZHENG, number]);
    const tail = after(screen, `[${number}] 取消`);
    expect(tail).toContain('不做改动');
    expect(tail).not.toContain('按钮已更新');
    expect(tail).not.toContain('💬');
    expect(tail.match(/🤖/g)).toHaveLength(1);
  });
});

describe('the terminal chat for managers', () => {
  it('tells a non-admin how to become admin when a manager command is typed', async () => {
    const t = await createTestBot();
    try {
      const screen = await converse(t, ['/stats', '/export']);
      expect(screen).toContain('ADMIN_IDS=10000 npm start');
      expect(screen).toContain('/export 是管理员命令');
      expect(screen).not.toContain('这个命令我不认识');
    } finally {
      await t.close();
    }
  });

  it('lets the local user 10000 use manager commands when it is in ADMIN_IDS, and saves /export files under the data directory', async () => {
    const t = await createTestBot({ env: { ADMIN_IDS: '10000' } });
    try {
      const screen = await converse(t, ['/stats', '/export']);
      expect(screen).toContain('好差评统计');
      const paths = [...screen.matchAll(/📄 已保存文件：(\S+\.csv)/g)].map((m) => m[1] ?? '');
      expect(paths).toHaveLength(2);
      for (const path of paths) {
        expect(path.startsWith(t.dataDir)).toBe(true);
        expect((await readFile(path, 'utf8')).charCodeAt(0)).toBe(0xfeff);
      }
    } finally {
      await t.close();
    }
  });
});

describe('ending the terminal chat', () => {
  it('says goodbye when stopped by a signal (Ctrl+C) as at end of input', async () => {
    const t = await createTestBot();
    try {
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), 300);
      const screen = await converse(t, ['你好'], stop.signal);
      clearTimeout(timer);
      expect(screen).toContain('再见');
    } finally {
      await t.close();
    }
  });
});

describe('HTML to terminal text', () => {
  it('keeps link targets and decodes entities', () => {
    expect(htmlToText('<b>A&amp;B</b> <a href="https://x.example">网站</a> &lt;3')).toBe('A&B 网站（https://x.example） <3');
  });
});
