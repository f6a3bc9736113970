import { UPLOAD_MEDIA_TYPES } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, displayFileName, FILE_NAME_MAX, sniffMediaType } from './content-type.js';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
/** The start of a ZIP with the part names an Office Open XML package carries. */
const officeZip = (folder: string) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from(`....[Content_Types].xml....${folder}document.xml`),
  ]);

describe('sniffMediaType: the type is read from the bytes', () => {
  it.each([
    ['a PDF', pdf, 'scan', UPLOAD_MEDIA_TYPES.pdf],
    ['a PNG', png, 'photo.png', UPLOAD_MEDIA_TYPES.png],
    ['a JPEG', jpeg, 'photo.jpeg', UPLOAD_MEDIA_TYPES.jpeg],
    ['a PDF named like a picture', pdf, 'photo.jpg', UPLOAD_MEDIA_TYPES.pdf],
    ['a Word file', officeZip('word/'), '会议纪要.DOCX', UPLOAD_MEDIA_TYPES.docx],
    ['an Excel file', officeZip('xl/'), '台账.xlsx', UPLOAD_MEDIA_TYPES.xlsx],
  ])('recognises %s', (_label, bytes, name, expected) => {
    expect(sniffMediaType(bytes, name)).toBe(expected);
  });

  it.each([
    ['HTML named .jpg', Buffer.from('<html><script>alert(1)</script></html>'), 'x.jpg'],
    ['plain text named .pdf', Buffer.from('just some notes'), 'notes.pdf'],
    ['an SVG named .png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png'],
    ['an empty file', Buffer.alloc(0), 'empty.pdf'],
    ['a truncated PNG signature', png.subarray(0, 4), 'x.png'],
    ['PDF magic not at the start', Buffer.concat([Buffer.from(' '), pdf]), 'x.pdf'],
    ['a ZIP named .zip', officeZip('word/'), 'archive.zip'],
    ['a ZIP without an extension', officeZip('word/'), 'archive'],
    ['a plain ZIP renamed .docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'x.docx'],
    ['a Word package renamed .xlsx', officeZip('word/'), 'x.xlsx'],
    ['a Windows program', Buffer.from('MZ\x90\x00\x03', 'latin1'), 'x.pdf'],
  ])('refuses %s', (_label, bytes, name) => {
    expect(sniffMediaType(bytes, name)).toBeNull();
  });
});

describe('displayFileName: the user’s name, made safe to show and offer back', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\张三\\Desktop\\呈报表.pdf', '呈报表.pdf'],
    ['..', '文件.pdf'],
    ['', '文件.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['report.pdf. . ', 'report.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.exe.pdf'],
    ['line\r\nbreak\u0000.pdf', 'linebreak.pdf'],
    ['scan', 'scan.pdf'],
    ['photo.JPG', 'photo.JPG'],
  ])('%j → %j (PDF content unless the name says otherwise)', (raw, expected) => {
    const type = raw === 'photo.JPG' ? UPLOAD_MEDIA_TYPES.jpeg : UPLOAD_MEDIA_TYPES.pdf;
    expect(displayFileName(raw, type)).toBe(expected);
  });

  it('gives a PNG sent as .jpg the extension of what it is', () => {
    expect(displayFileName('photo.jpg', UPLOAD_MEDIA_TYPES.png)).toBe('photo.jpg.png');
  });

  it(`keeps at most ${FILE_NAME_MAX} characters and the extension`, () => {
    const name = displayFileName(`${'档'.repeat(500)}.pdf`, UPLOAD_MEDIA_TYPES.pdf);
    expect([...name]).toHaveLength(FILE_NAME_MAX);
    expect(name.endsWith('档.pdf')).toBe(true);
  });

  it('drops lone surrogates', () => {
    expect(displayFileName('a\uD800b.pdf', UPLOAD_MEDIA_TYPES.pdf)).toBe('a\uFFFDb.pdf');
  });
});

describe('attachmentDisposition', () => {
  it('always says attachment, with the name in RFC 5987 form', () => {
    expect(attachmentDisposition('会议纪要 (1).pdf')).toBe(
      "attachment; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81%20%281%29.pdf",
    );
  });

  it('cannot be broken out of by quotes, semicolons or line breaks in the name', () => {
    const header = attachmentDisposition('a"; filename=evil.html\r\nX: y.pdf');
    expect(header).toMatch(/^attachment; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
  });
});
