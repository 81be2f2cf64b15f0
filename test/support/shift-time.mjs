/* global process */
// Preloaded into bot processes in multi-process tests (node --import): moves the process's clock by
// MZ_TIME_SHIFT_MS, like libfaketime, so a child "lives" on a chosen day of the reminder season.
const shift = Number(process.env.MZ_TIME_SHIFT_MS ?? 0);
if (shift !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}
