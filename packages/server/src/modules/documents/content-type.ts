import { UPLOAD_MEDIA_TYPES, type UploadMediaType } from '@anxin/shared';

/**
 * What an uploaded file is, decided by its first bytes (SECURITY.md FU-1): never by the name or
 * by the content type the client claims. Plain text, HTML and anything else unknown is refused.
 */

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Office Open XML files are ZIP archives; which one is said by the extension, and confirmed by the
 * part names every such package carries (stored uncompressed in the ZIP headers).
 */
const OFFICE_BY_EXTENSION: Record<string, { mediaType: UploadMediaType; partFolder: string }> = {
  docx: { mediaType: UPLOAD_MEDIA_TYPES.docx, partFolder: 'word/' },
  xlsx: { mediaType: UPLOAD_MEDIA_TYPES.xlsx, partFolder: 'xl/' },
};

/** The extensions each accepted media type may carry; the first is added to a name that lacks one. */
export const EXTENSIONS_OF: Record<UploadMediaType, readonly string[]> = {
  [UPLOAD_MEDIA_TYPES.pdf]: ['pdf'],
  [UPLOAD_MEDIA_TYPES.png]: ['png'],
  [UPLOAD_MEDIA_TYPES.jpeg]: ['jpg', 'jpeg'],
  [UPLOAD_MEDIA_TYPES.docx]: ['docx'],
  [UPLOAD_MEDIA_TYPES.xlsx]: ['xlsx'],
};

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

/** The lower-case extension of a file name, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match?.[1]?.toLowerCase() ?? '';
}

/**
 * The media type of an upload as its bytes show it, or null when it is not one Anxin accepts.
 * The name matters only to tell a .docx from an .xlsx, both of which are ZIP archives.
 */
export function sniffMediaType(bytes: Buffer, fileName: string): UploadMediaType | null {
  if (startsWith(bytes, PDF)) return UPLOAD_MEDIA_TYPES.pdf;
  if (startsWith(bytes, PNG)) return UPLOAD_MEDIA_TYPES.png;
  if (startsWith(bytes, JPEG)) return UPLOAD_MEDIA_TYPES.jpeg;
  if (startsWith(bytes, ZIP)) {
    const office = OFFICE_BY_EXTENSION[extensionOf(fileName)];
    if (!office) return null;
    const isPackage =
      bytes.includes('[Content_Types].xml', 0, 'latin1') && bytes.includes(office.partFolder, 0, 'latin1');
    return isPackage ? office.mediaType : null;
  }
  return null;
}

/** 200 characters of display name are plenty; longer names are cut before the extension. */
export const FILE_NAME_MAX = 200;

/**
 * The user's file name made safe to show and to offer back on download: no folders (`../`), no
 * control or bidirectional-override characters (which can disguise `exe.pdf` as `fdp.exe`), at most
 * 200 characters, and ending in an extension that matches what the bytes are. Storage never uses it.
 */
export function displayFileName(raw: string | undefined, mediaType: UploadMediaType): string {
  const lastSegment = (raw ?? '').toWellFormed().normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    // Controls (C0, DEL, C1) and format characters: bidi overrides and isolates, zero-width, BOM.
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    // Leading dots would hide the file; trailing dots and spaces are dropped by Windows anyway.
    .replace(/^\.+/, '')
    .replace(/[.\s]+$/, '');
  const allowed = EXTENSIONS_OF[mediaType];
  const extension = extensionOf(cleaned);
  const stem = cleaned === '' ? '文件' : cleaned;
  const named = allowed.includes(extension) ? stem : `${stem}.${allowed[0]}`;
  const characters = [...named];
  if (characters.length <= FILE_NAME_MAX) return named;
  const suffix = `.${extensionOf(named)}`;
  return characters.slice(0, FILE_NAME_MAX - suffix.length).join('') + suffix;
}

/**
 * A Content-Disposition that makes browsers save the file rather than show it, with the name in
 * RFC 5987 form (every byte outside the attr-char set percent-encoded).
 */
export function attachmentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}
