// 18-digit resident ID (last may be X), 15-digit old IDs, mainland mobiles, landlines with area code.
const ID_18 = /(?<!\d)([1-9]\d{5})(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([\dXx])(?!\d)/g;
const ID_15 = /(?<!\d)([1-9]\d{5})\d{6}\d{3}(?!\d)/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?\d{4}[-\s]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})[-\s]?\d{4}(\d{3,4})(?!\d)/g;

/**
 * Masks citizens' personal data in free text before it is logged or stored:
 * 身份证号 keep the region prefix and check digit, phone numbers their first 3 and last 4 digits.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(ID_18, (_m, head: string, tail: string) => `${head}********${'***'}${tail}`)
    .replace(ID_15, (_m, head: string) => `${head}*********`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LANDLINE, (_m, area: string, tail: string) => `${area}-****${tail.slice(-2).padStart(tail.length, '*')}`);
}
