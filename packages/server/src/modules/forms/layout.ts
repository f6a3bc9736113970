// Page geometry and the pure layout arithmetic both renderers share: A4 in points and twips,
// column widths from relative weights, cell spans, and Chinese line breaking (禁则: no closing
// punctuation at the start of a line, no opening one at its end) for the PDF renderer, which lays
// out every line itself so that it can split a tall table row across pages.

/** A4 in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Margins in points: 2.5 cm top and bottom, 2.6 cm left and right (a township's printed forms). */
export const MARGINS = { top: 70.87, bottom: 70.87, left: 73.7, right: 73.7 } as const;

/** Type sizes in points: 五号 10.5, 小四 12, 四号 14, 小二 18, 一号 26. */
export const SIZES = { small: 10.5, normal: 12, large: 14, title: 18, cover: 26, footer: 9 } as const;

/** Points to twips (Word's unit, 1/20 point). */
export const twips = (points: number) => Math.round(points * 20);

/** The width and height of the writing area of a page, in points. */
export function contentBox(landscape = false) {
  const width = (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;
  const height = (landscape ? A4.width : A4.height) - MARGINS.top - MARGINS.bottom;
  return { width, height };
}

/**
 * Splits `total` units among columns in proportion to `weights`, in whole units where `whole`
 * (Word's twips), so that the parts add up to `total` exactly.
 */
export function columnWidths(weights: readonly number[], total: number, whole = false): number[] {
  if (weights.length === 0) throw new Error('a table needs at least one column');
  if (weights.some((w) => !(w > 0))) throw new Error('column weights must be positive');
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  if (!whole) return raw;
  const floored = raw.map(Math.floor);
  let rest = total - floored.reduce((a, b) => a + b, 0);
  // The largest remainders take the leftover units.
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (rest <= 0) break;
    floored[i] = (floored[i] as number) + 1;
    rest -= 1;
  }
  return floored;
}

/** Where each cell of a row starts and how wide it is, from the grid's column widths and the spans. */
export function cellBoxes(widths: readonly number[], spans: readonly number[]): { x: number; width: number }[] {
  let column = 0;
  let x = 0;
  return spans.map((span) => {
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    const box = { x, width };
    column += span;
    x += width;
    return box;
  });
}

/**
 * Text as typed or pasted (from Word, Excel, a web page) made printable: the soft line breaks
 * (vertical tab, a lone CR, form feed, U+2028/2029, NEL) become "\n", a tab becomes spaces, and
 * control and invisible format characters (zero-width space, BOM …) go. The fonts have no glyph
 * for any of them: the PDF would print each as a box (Word drops them, joining the lines).
 */
export function printable(text: string): string {
  return (
    text
      .replace(/\r\n|[\r\v\f\u0085\u2028\u2029]/g, '\n')
      .replace(/\t/g, '  ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200b-\u200f\u2060-\u2064\ufeff]/g, '')
  );
}

/** Characters that may not begin a line (closing punctuation). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’．,.;:?!)]}%…—·～']);
/** Characters that may not end a line (opening punctuation). */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/** Latin words and numbers stay together; every other character is its own unit. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9@#$&_+\-./:%]+|\s|[\s\S]/gu) ?? [];
}

/**
 * Breaks text into lines no wider than `maxWidth` as `measure` measures them. "\n" breaks a line;
 * `firstIndent` narrows the first line of each paragraph (首行缩进). Closing punctuation that would
 * start a line pulls the previous character down with it, and opening punctuation never ends one.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  measure: (s: string) => number,
  firstIndent = 0,
): { text: string; indent: number }[] {
  const out: { text: string; indent: number }[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let indent = firstIndent;
    let line: string[] = [];
    let width = 0;
    let wrapped = false;
    const flush = () => {
      // Only ASCII spaces go: full-width ones are blanks left for handwriting ("组长（签字）：　　　").
      out.push({ text: line.join('').replace(/[ \t]+$/, ''), indent });
      indent = 0;
      line = [];
      width = 0;
    };
    const units = tokens(paragraph).flatMap((token) =>
      // A Latin run wider than a whole line is broken character by character.
      token.length > 1 && measure(token) > maxWidth - firstIndent ? [...token] : [token],
    );
    for (const unit of units) {
      const space = /^\s$/.test(unit);
      // A wrapped line does not start with the space it wrapped at.
      if (space && line.length === 0 && wrapped) continue;
      const w = measure(unit);
      if (line.length > 0 && width + w > maxWidth - indent) {
        wrapped = true;
        if (space) {
          flush();
          continue;
        }
        const carried: string[] = [];
        // 禁则: take the previous unit down when this one may not start a line …
        if (NO_LINE_START.has(unit) && line.length > 1) carried.unshift(line.pop() as string);
        // … and never leave opening punctuation at the end.
        while (line.length > 1 && NO_LINE_END.has(line[line.length - 1] as string))
          carried.unshift(line.pop() as string);
        flush();
        line = carried;
        width = carried.reduce((sum, c) => sum + measure(c), 0);
      }
      line.push(unit);
      width += w;
    }
    flush();
  }
  return out;
}
