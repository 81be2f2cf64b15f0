import type { TimeLimit } from '../../src/catalog/schema.js';

/** "20个工作日", "现场办结" … */
export function formatTimeLimit(limit: TimeLimit): string {
  switch (limit.type) {
    case '工作日':
      return `${limit.days}个工作日`;
    case '自然日':
      return `${limit.days}天`;
    case '现场办结':
    case '即时办结':
    case '未统一规定':
      return limit.type;
  }
}
