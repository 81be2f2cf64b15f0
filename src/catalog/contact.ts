import type { Hall } from './schema.js';

/** One line of "how to reach a person": a label, the value, and a link when it has one. */
export interface ContactLine {
  label: string;
  value: string;
  url?: string;
}

/** How to reach a person, channel-neutral. */
export interface HallContact {
  /** The local hall's name when the operator supplied one, else the service's name. */
  title: string;
  lines: ContactLine[];
  /** False when no local hall data was supplied: only national contacts are shown. */
  local: boolean;
}

/**
 * The contact block: the local hall's real address, hours and phones when the operator supplied them,
 * then the national contacts. Nothing here is ever a placeholder: absent data is simply not shown.
 */
export function hallContact(hall: Hall): HallContact {
  const lines: ContactLine[] = [];
  const local = hall.local;
  if (local) {
    lines.push({ label: '地址', value: local.address });
    lines.push({ label: '时间', value: local.hours });
    lines.push({ label: '电话', value: local.phone });
    if (local.website) lines.push({ label: '网站', value: local.website, url: local.website });
  }
  lines.push({ label: '热线', value: `${hall.hotline}（政务服务便民热线）` });
  for (const c of hall.national) {
    if (c.phone === hall.hotline) continue;
    if (c.url) lines.push({ label: c.name, value: c.url, url: c.url });
    else if (c.phone) lines.push({ label: c.name, value: c.phone });
  }
  return { title: local?.name ?? hall.name, lines, local: local !== undefined };
}
