import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { hallContact } from '../catalog/contact.js';
import type { Hall } from '../catalog/schema.js';
import type { CatalogItem } from '../catalog/types.js';
import { missingMaterials } from './checklist.js';
import { ChecklistFontError } from './errors.js';
import { formText } from './wording.js';

/** Debian's CJK fonts (fonts-wqy-microhei first: one small TTC), in the order tried. */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
] as const;

/** The font file to print with: the configured one, else the first Debian CJK font installed. */
export function findCjkFont(configured?: string): { file: string; family?: string } {
  const tried = configured ? [configured] : [...CJK_FONT_CANDIDATES];
  const file = tried.find((f) => existsSync(f));
  if (!file) throw new ChecklistFontError(tried);
  // A TTC holds several fonts: name the one to use.
  const family = file.endsWith('wqy-microhei.ttc') ? 'WenQuanYiMicroHei' : file.endsWith('wqy-zenhei.ttc') ? 'WenQuanYiZenHei' : file.endsWith('NotoSansCJK-Regular.ttc') ? 'NotoSansCJKsc-Regular' : undefined;
  return family ? { file, family } : { file };
}

export interface ChecklistPdfInput {
  item: CatalogItem;
  ticked: ReadonlySet<string>;
  hall: Hall;
  /** The day printed on the sheet. */
  date: Date;
  font: { file: string; family?: string };
}

const ymd = (d: Date): string => `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;

/**
 * The checklist as a one-page A4 PDF to bring to the window: the item, what is still missing (with
 * 原件/复印件 and copies), what is ready, the hall's address, hours and phone when supplied, and the date.
 * pdfkit embeds only the glyphs used (a subset of the CJK font), so the file stays small.
 */
export function checklistPdf(input: ChecklistPdfInput): Promise<Buffer> {
  const { item, ticked, hall, date, font } = input;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${item.name} 材料清单`, Creator: hall.name } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  doc.fontSize(20).text(`${item.name}`, { align: 'left' });
  doc.fontSize(11).fillColor('#555').text(`办事材料清单 · 打印于 ${ymd(date)} · 信息核对于 ${item.lastChecked}`).fillColor('#000');
  doc.moveDown();
  const missing = missingMaterials(item, ticked);
  const line = (m: CatalogItem['materials'][number], mark: string): void => {
    doc.fontSize(12).text(`${mark} ${m.name}（${formText(m)}）`, { indent: 0 });
    const when = m.required ? undefined : `${m.condition ?? '特定情况'}才需要`;
    const extra = [when, m.note].filter(Boolean).join('；');
    if (extra) {
      // The whole note is indented under its material, not just its first line.
      const left = doc.page.margins.left;
      doc.fontSize(9.5).fillColor('#555').text(extra, left + 18, doc.y, { width: doc.page.width - left - doc.page.margins.right - 18 });
      doc.fillColor('#000').x = left;
    }
    doc.moveDown(0.3);
  };
  doc.fontSize(14).text(missing.length > 0 ? `还需准备（${missing.length}样）` : '材料已备齐');
  doc.moveDown(0.3);
  for (const m of missing) line(m, '□');
  const ready = item.materials.filter((m) => ticked.has(m.name));
  if (ready.length > 0) {
    doc.moveDown(0.5).fontSize(14).text(`已备好（${ready.length}样）`).moveDown(0.3);
    for (const m of ready) line(m, '■');
  }
  doc.moveDown();
  const contact = hallContact(hall);
  doc.fontSize(14).text(contact.local ? `办理地点：${contact.title}` : '咨询电话');
  doc.fontSize(11);
  for (const l of contact.lines) doc.text(`${l.label}：${l.value}`);
  if (!contact.local) doc.text(`办理窗口：${item.where.window}`);
  doc.moveDown().fontSize(9).fillColor('#777').text('以窗口最新要求为准。带齐原件和复印件，可少跑一趟。');
  doc.end();
  return done;
}
