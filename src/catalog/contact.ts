import type { Hall, ServiceItem } from './schema.js';

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
    if (local.consultPhone) lines.push({ label: '咨询电话', value: local.consultPhone });
    if (local.complaintPhone) lines.push({ label: '监督投诉电话', value: local.complaintPhone });
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

/** Where an item can be done online: a name, and a link only when it is real. */
export interface OnlineLink {
  name: string;
  url?: string;
  note?: string;
}

/**
 * The item's online channel: the operator's per-item link from the local hall file first (the
 * province's own 政务服务网 page), else what the catalog names (a national platform with its url, or a
 * provincial one by name only). Undefined when the item cannot be handled online at all.
 */
export function onlineLink(hall: Hall, item: Pick<ServiceItem, 'id' | 'where'>): OnlineLink | undefined {
  const shipped = item.where.online;
  const local = hall.local?.online[item.id];
  if (local) return { name: shipped?.name ?? '网上办理', url: local, ...(shipped?.note ? { note: shipped.note } : {}) };
  return shipped;
}
