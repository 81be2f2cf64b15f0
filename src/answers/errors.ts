import { AppError } from '../errors.js';

/** data/eligibility.yaml is missing or malformed. */
export class EligibilityRulesError extends AppError {
  constructor(file: string, reason: string) {
    super(`申请条件规则文件 ${file} 有误：${reason}。请按 src/answers/eligibility.ts 的格式修正后重启。`);
    this.name = 'EligibilityRulesError';
  }
}

/** No CJK font to print a checklist with. */
export class ChecklistFontError extends AppError {
  constructor(tried: readonly string[]) {
    super(
      `打印清单需要中文字体，没有找到：${tried.join('、')}。请安装 Debian 包 fonts-wqy-microhei（apt-get install -y fonts-wqy-microhei），或用 CJK_FONT_FILE 指定一个 TTF/TTC 字体文件。`,
    );
    this.name = 'ChecklistFontError';
  }
}
