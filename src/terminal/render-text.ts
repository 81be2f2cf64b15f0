/** Telegram HTML as plain terminal text: bold and links kept readable, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_m, href: string, label: string) => (label === href ? href : `${label}（${href}）`))
    .replace(/<s>([^<]*)<\/s>/g, '~$1~')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/**
 * Numbers the buttons of one message's inline keyboard from 1: "[1] 结婚登记  [2] 离婚登记", one
 * keyboard row a line. `data[n - 1]` is the callback data of button n.
 */
export function renderButtons(rows: readonly InlineButton[][]): { lines: string[]; data: string[] } {
  const data: string[] = [];
  const lines = rows.map((row) =>
    row
      .map((b) => {
        if (b.callback_data === undefined) return `[链接] ${b.text} ${b.url ?? ''}`;
        data.push(b.callback_data);
        return `[${data.length}] ${b.text}`;
      })
      .join('  '),
  );
  return { lines, data };
}
