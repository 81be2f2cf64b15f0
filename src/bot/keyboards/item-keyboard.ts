import { InlineKeyboard } from 'grammy';
import type { CatalogItem } from '../../catalog/types.js';
import { browseHome, itemView } from '../callbacks.js';

/** Buttons under a card: steps / FAQ / related, and back to the menu. */
export function itemKeyboard(item: CatalogItem, showing: 'card' | 'focus' | 'steps' | 'faq' | 'rel' = 'card'): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (showing !== 'card') kb.text('📋 办事指南', itemView.pack({ id: item.id, view: 'card' }));
  if (showing !== 'steps') kb.text('🧭 办理流程', itemView.pack({ id: item.id, view: 'steps' }));
  if (showing !== 'faq' && item.faq.length > 0) kb.text('❓ 常见问题', itemView.pack({ id: item.id, view: 'faq' }));
  kb.row();
  if (showing !== 'rel' && item.related.length > 0) kb.text('🔗 相关事项', itemView.pack({ id: item.id, view: 'rel' }));
  kb.text('🏠 事项目录', browseHome.pack({}));
  return kb.row();
}
