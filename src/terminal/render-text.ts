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

/** Numbers the buttons of an inline keyboard: "[1] 结婚登记  [2] 离婚登记", one keyboard row a line. */
export function renderButtons(rows: InlineButton[][], firstNumber: number): { lines: string[]; data: string[] } {
  const data: string[] = [];
  const lines = rows.map((row) =>
    row
      .map((b) => {
        if (b.callback_data === undefined) return `[链接] ${b.text} ${b.url ?? ''}`;
        data.push(b.callback_data);
        return `[${firstNumber + data.length - 1}] ${b.text}`;
      })
      .join('  '),
  );
  return { lines, data };
}
