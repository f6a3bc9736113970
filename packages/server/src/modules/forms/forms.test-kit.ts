// Reading generated files back in tests: the text of a Word file (word/document.xml and its
// footers, unzipped with jszip) and of a PDF (pdftotext from poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

function xmlText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of a .docx: body, footers, and the raw document.xml (for structure checks). */
export async function docxParts(file: Buffer) {
  const zip = await JSZip.loadAsync(file);
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const footerNames = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
  const footers = await Promise.all(
    footerNames.map(async (name) => xmlText((await zip.file(name)?.async('string')) ?? '')),
  );
  return { body: xmlText(documentXml), footer: footers.join('\n'), documentXml };
}

/** The text pdftotext extracts (what a search or a copy in a PDF reader finds), and the page count. */
export function pdfText(file: Buffer): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-pdf-'));
  try {
    const path = join(dir, 'form.pdf');
    writeFileSync(path, file);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    return { text, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What Word or WPS would refuse or "repair" in a document.xml: characters XML 1.0 forbids, and
 * table rows whose cells (with their gridSpan) do not add up to the table's grid columns.
 */
export function docxProblems(documentXml: string): string[] {
  const problems: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly these
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(documentXml)) problems.push('invalid XML character');
  const tables = documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  tables.forEach((table, t) => {
    const grid = (table.match(/<w:gridCol /g) ?? []).length;
    (table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).forEach((tableRow, r) => {
      const cells = tableRow.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
      const used = cells.reduce((sum, cell) => sum + Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(cell)?.[1] ?? 1), 0);
      if (used !== grid) problems.push(`table ${t + 1} row ${r + 1}: ${used} of ${grid} grid columns`);
    });
  });
  return problems;
}

/** A4 portrait in points, and the writing area the renderer keeps to (2.5 cm top and bottom, 2.6 cm sides). */
const PAGE = { width: 595.28, height: 841.89, top: 70.87, bottom: 70.87, side: 73.7 };

/**
 * Words of a portrait PDF that lie outside the writing area (pdftotext -bbox): text running past a
 * cell's edge, into the margin or into the footer line. The footer (watermark, page number) itself
 * sits below the writing area and is not counted.
 */
export function pdfOverflow(file: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-pdf-'));
  try {
    const path = join(dir, 'form.pdf');
    writeFileSync(path, file);
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const limit = PAGE.height - PAGE.bottom;
    const out: string[] = [];
    for (const [, x0, y0, x1, y1, word] of html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const [xMin, yMin, xMax, yMax] = [x0, y0, x1, y1].map(Number) as [number, number, number, number];
      const footer = yMin >= limit + 8;
      const inside =
        xMin >= PAGE.side - 1 && xMax <= PAGE.width - PAGE.side + 1 && yMin >= PAGE.top - 1 && yMax <= limit + 1;
      if (!footer && !inside)
        out.push(`${word} @ ${xMin.toFixed(0)},${yMin.toFixed(0)}–${xMax.toFixed(0)},${yMax.toFixed(0)}`);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
