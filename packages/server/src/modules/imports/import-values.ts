// Values of the import columns that are not plain text: screening categories, levels, lists of
// names; and ids that keep the file's order.
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@anxin/shared';

/** "C1 多次非访，性格偏激、言行极端的": how the dropdown offers a category. */
export const categoryOption = (category: Category) => `${category} ${CATEGORY_LABELS[category]}`;

/**
 * The categories named in a cell: codes (C1…C8, in any case) and the plan's names, in any order and
 * separated by anything. Unrecognised text is returned so the row can say what it could not read.
 */
export function parseCategories(text: string): { categories: Category[]; unknown: string } {
  const found = new Set<Category>();
  let rest = text;
  for (const category of CATEGORIES) {
    if (rest.includes(CATEGORY_LABELS[category])) {
      found.add(category);
      rest = rest.replaceAll(CATEGORY_LABELS[category], ' ');
    }
  }
  rest = rest.replace(/c([1-8])/gi, (_whole, digit: string) => {
    found.add(`C${digit}` as Category);
    return ' ';
  });
  const unknown = rest.replace(/[\s;；,，、.。:：/|]+/g, ' ').trim();
  return { categories: CATEGORIES.filter((category) => found.has(category)), unknown };
}

const LEVEL_WORDS: Record<string, 1 | 2 | 3> = {
  '1': 1,
  '2': 2,
  '3': 3,
  一: 1,
  二: 2,
  三: 3,
  一级: 1,
  二级: 2,
  三级: 3,
  '1级': 1,
  '2级': 2,
  '3级': 3,
};

/** 当前级别: 1, 一级, 1级 …; the dropdown offers 一级/二级/三级. */
export function parseLevel(text: string): 1 | 2 | 3 | null {
  return LEVEL_WORDS[text.replace(/[\s（(].*$/, '')] ?? null;
}

export const LEVEL_OPTIONS = ['一级', '二级', '三级'];

/** Names listed in one cell: separated by 、，,；; or line breaks. */
export function splitList(text: string): string[] {
  return text
    .split(/[、，,；;\n\r]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Ids for rows written together, as UUIDv7 (RFC 9562) with the position in the bits after the
 * timestamp: they sort in the order of the file, so lists ordered by id keep the sheet's order
 * (as the screening module orders a return's entries).
 */
export function orderedIds(count: number, millis = Date.now()): string[] {
  const random = Buffer.alloc(count * 16);
  // getRandomValues fills at most 64 KiB at a time.
  for (let start = 0; start < random.length; start += 65_536) {
    crypto.getRandomValues(random.subarray(start, Math.min(random.length, start + 65_536)));
  }
  return Array.from({ length: count }, (_unused, position) => {
    const bytes = random.subarray(position * 16, position * 16 + 16);
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(millis / 2 ** (8 * (5 - i))) & 0xff;
    // 12 bits of rand_a and the 14 bits after the variant carry the position (up to 67 million).
    bytes[6] = 0x70 | ((position >>> 22) & 0x0f);
    bytes[7] = (position >>> 14) & 0xff;
    bytes[8] = 0x80 | ((position >>> 8) & 0x3f);
    bytes[9] = position & 0xff;
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}
