// 公民身份号码 (GB 11643-1999): 17 digits + check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Upper-cases a trailing x so that lookups and the blind index agree. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Checks format, birth date and check digit; null when valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'birthDate';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号格式错误，应为18位（最后一位可为X）',
  birthDate: '身份证号中的出生日期无效',
  checkDigit: '身份证号校验位错误',
};

/** Lists show the first 3 and last 4 characters only. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;
}

/** Phones show the first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
