/** Every error the app raises on purpose. Each message says what went wrong and how to fix it. */

export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** An environment variable is missing or malformed. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** One or more catalog files are invalid; `problems` lists file + field path + reason. */
export class CatalogError extends AppError {
  constructor(
    readonly problems: readonly { file: string; path: string; message: string }[],
  ) {
    super(
      `办事指南目录有 ${problems.length} 处错误，请修正后重试：\n` +
        problems.map((p) => `  ${p.file} ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'CatalogError';
  }
}

/** A data file exists but cannot be read or parsed. It is never overwritten. */
export class StoreCorruptError extends AppError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `数据文件 ${file} 无法读取（${reason}）。为免丢失数据，程序不会覆盖它：请从备份恢复或手工修复后再启动。`,
      options,
    );
    this.name = 'StoreCorruptError';
  }
}

/** A data file parses but breaks a rule its records depend on (duplicate ids, a counter behind them). */
export class StoreInconsistentError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `数据文件 ${file} 内容自相矛盾，程序不会覆盖它，请按提示手工修复（或从备份恢复）后再启动：\n  ${problems.join('\n  ')}`,
    );
    this.name = 'StoreInconsistentError';
  }
}

/** Another live process holds the data directory. */
export class StoreLockedError extends AppError {
  constructor(
    readonly dir: string,
    /** Who holds it, as far as the lock tells: "进程 123（主机 abc）". */
    readonly owner: string,
  ) {
    super(
      `数据目录 ${dir} 正被${owner} 使用（通常是正在运行的机器人，可能在另一个容器里）。请在机器人里用管理命令操作，或先停止它；` +
        '若确认它已停止，几秒后锁会自动失效，再启动即可。',
    );
    this.name = 'StoreLockedError';
  }
}

/** Input from a user or file that fails validation, with a message fit to show. */
export class ValidationError extends AppError {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A file under intents/ (system intents or the domain dictionary) is missing or invalid. */
export class IntentsError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `意图数据文件 ${file} 有误，请按提示修正后重试：\n  ${problems.join('\n  ')}`,
      options,
    );
    this.name = 'IntentsError';
  }
}

/** The matcher's scope model (data/scope-model.json) is missing or invalid; the message names the file. */
export class ScopeModelError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`匹配模型文件 ${file} 有误，请运行 npm run train:scope 重新生成：\n  ${problems.join('\n  ')}`, options);
    this.name = 'ScopeModelError';
  }
}

/** data/reminder-rules.yaml is missing or invalid; the message names the file and each bad field. */
export class ReminderRulesError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(
      `年检提醒规则文件 ${file} 有 ${problems.length} 处错误，请修正后重试：\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'ReminderRulesError';
  }
}

/** A rating case cannot take the requested step (unknown id, wrong person, wrong order); the message can be shown. */
export class CaseError extends AppError {
  constructor(message: string) {
    super(message);
    this.name = 'CaseError';
  }
}
