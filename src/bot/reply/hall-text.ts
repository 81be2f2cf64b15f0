import type { Hall } from '../../catalog/schema.js';
import { escapeHtml as e } from '../render/html.js';

/** The hall's contact block: how to reach a person. */
export function contactText(hall: Hall): string {
  return [
    `🏛 <b>${e(hall.name)}</b>`,
    `📍 地址：${e(hall.address)}`,
    `🕘 时间：${e(hall.hours)}`,
    `☎️ 电话：${e(hall.phone)}（政务服务热线 ${e(hall.hotline)}）`,
    `🌐 网站：<a href="${e(hall.website)}">${e(hall.website)}</a>`,
  ].join('\n');
}
