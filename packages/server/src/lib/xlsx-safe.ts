// Text written into a spreadsheet cell must never be taken for a formula (CSV/formula injection,
// OWASP "CSV Injection"): a person's name or a description that starts with = + - @ (or a tab or
// carriage return, which some programs skip before looking) is prefixed with an apostrophe, so
// Excel, WPS and LibreOffice show it as text. Numbers, dates and booleans are written as they are.

/** Characters that make a spreadsheet program read the cell as a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Excel's limit on the characters of one cell; longer text is cut (a longer value fails to open). */
export const MAX_CELL_TEXT = 32_767;

/** Text as it may safely stand in a cell: an apostrophe before a formula trigger, cut to the cell limit. */
export function neutralise(text: string): string {
  const safe = FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
  return safe.length > MAX_CELL_TEXT ? safe.slice(0, MAX_CELL_TEXT) : safe;
}

export type CellInput = string | number | boolean | Date | null | undefined;

/**
 * A value for `row.getCell(n).value` / `worksheet.addRow([...])`: strings neutralised, numbers,
 * booleans and dates unchanged, null and undefined as an empty cell. Non-finite numbers (NaN,
 * Infinity) are written as empty cells, since Excel cannot store them.
 */
export function safeCell(value: CellInput): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return neutralise(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

/** A whole row of values through safeCell. */
export function safeRow(values: readonly CellInput[]): (string | number | boolean | Date | null)[] {
  return values.map(safeCell);
}
