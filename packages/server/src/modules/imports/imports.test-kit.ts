// Shared steps of the import and export tests: build a filled-in workbook the way a user would
// (ID numbers as text), upload it as a browser does, and read a downloaded workbook back.
import { count, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import type { TestContext } from '../../../test/context.js';

/** A workbook with one sheet: a header row, then the rows (strings stay text, Dates become date cells). */
export async function workbookOf(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly (string | number | Date | null)[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A minimal .xlsx written by hand (entries stored, not deflated): what a tool other than Excel, or
 * an attacker, may send. `sheet` is the inside of <sheetData>.
 */
export function handMadeXlsx(
  sheet: string,
  sharedStrings?: string,
  sheets = '<sheet name="s" sheetId="1" r:id="rId1"/>',
): Buffer {
  const parts: [string, string][] = [
    [
      'xl/workbook.xml',
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ],
    ['xl/worksheets/sheet1.xml', `<worksheet><sheetData>${sheet}</sheetData></worksheet>`],
    ...(sharedStrings === undefined
      ? []
      : [['xl/sharedStrings.xml', `<sst>${sharedStrings}</sst>`] as [string, string]]),
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A multipart body built the way a browser builds it, for `inject`. */
export async function multipartFile(bytes: Buffer, name = '导入.xlsx') {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    name,
  );
  const request = new Request('http://anxin.test', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') as string },
  };
}

/** POSTs a file to an import endpoint as `username`. */
export async function uploadAs(t: TestContext, username: string, url: string, bytes: Buffer, name?: string) {
  const { payload, headers } = await multipartFile(bytes, name);
  return (await t.as(username)).post(url, payload, headers);
}

/**
 * POSTs two files to an import endpoint as `username` at once (PostgreSQL only). The persons table
 * is held until both imports wait to insert, so that their inserts run side by side; answers both
 * responses, in the order of the files.
 */
export async function uploadSideBySide(t: TestContext, username: string, url: string, first: Buffer, second: Buffer) {
  await t.as(username);
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holder = t.db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE persons IN SHARE MODE`);
    await released;
  });
  const imports = Promise.all([uploadAs(t, username, url, first), uploadAs(t, username, url, second)]);
  for (let attempt = 0; attempt < 300; attempt++) {
    const waiting = (await t.db.execute(
      sql`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'persons'::regclass`,
    )) as unknown as { rows: { n: number }[] };
    if ((waiting.rows[0]?.n ?? 0) >= 2) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  release();
  await holder;
  return imports;
}

/** A downloaded workbook, parsed back with exceljs. */
export async function readBack(body: Buffer | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const bytes = typeof body === 'string' ? Buffer.from(body, 'binary') : body;
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The values of a sheet's rows (1-based row numbers → arrays of cell values, column A first). */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    rows[number - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

/** Rows in a table. */
export async function countRows(t: TestContext, table: PgTable): Promise<number> {
  return (await t.db.select({ value: count() }).from(table))[0]?.value ?? 0;
}
