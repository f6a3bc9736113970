// The CJK fonts the PDF renderer embeds (subsets only: the PDF carries real, searchable text).
// Debian's fonts-noto-cjk installs Noto Serif CJK (a 宋体-like serif, for body text) and Noto Sans
// CJK (a 黑体-like sans, for titles) as OpenType collections; ANXIN_FONT_DIR points elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../lib/errors.js';

export interface FontFace {
  /** The collection file (.ttc) or font file. */
  path: string;
  /** The face inside a collection: the Simplified Chinese one. */
  postscriptName: string;
}

const FACES = {
  serif: { file: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  sansBold: { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
} as const;
export type FaceName = keyof typeof FACES;

/** Where distributions put Noto CJK: Debian/Ubuntu (fonts-noto-cjk), Fedora, Arch. */
export const FONT_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/noto',
];

/** The faces found, or an error naming what is missing and where it was looked for. */
export function locateFonts(dirs: readonly string[] = fontDirs()): Record<FaceName, FontFace> {
  const found: Partial<Record<FaceName, FontFace>> = {};
  const missing: string[] = [];
  for (const [name, face] of Object.entries(FACES) as [FaceName, (typeof FACES)[FaceName]][]) {
    const dir = dirs.find((d) => existsSync(join(d, face.file)));
    if (dir) found[name] = { path: join(dir, face.file), postscriptName: face.postscriptName };
    else missing.push(face.file);
  }
  if (missing.length) throw new FontsMissingError(missing, dirs);
  return found as Record<FaceName, FontFace>;
}

function fontDirs(): string[] {
  const override = process.env.ANXIN_FONT_DIR;
  return override ? [override, ...FONT_DIRS] : FONT_DIRS;
}

/**
 * The server cannot draw Chinese without the fonts: the PDF download answers 503 with a message
 * an administrator can act on (install fonts-noto-cjk, or set ANXIN_FONT_DIR); Word files need no
 * fonts on the server and still work.
 */
export class FontsMissingError extends AppError {
  constructor(
    readonly missing: string[],
    readonly searched: readonly string[],
  ) {
    super(
      503,
      'FONTS_MISSING',
      `服务器缺少中文字体（${missing.join('、')}），无法生成 PDF：请安装 fonts-noto-cjk 或设置 ANXIN_FONT_DIR（已查找：${searched.join('、')}）`,
    );
  }
}

let cache: Record<FaceName, { data: Buffer; postscriptName: string }> | undefined;

/** The font files, read once per process (about 46 MB) and shared by every PDF it renders. */
export function loadFonts(): Record<FaceName, { data: Buffer; postscriptName: string }> {
  if (cache) return cache;
  const faces = locateFonts();
  const loaded = Object.fromEntries(
    Object.entries(faces).map(([name, face]) => [
      name,
      { data: readFileSync(face.path), postscriptName: face.postscriptName },
    ]),
  ) as Record<FaceName, { data: Buffer; postscriptName: string }>;
  cache = loaded;
  return loaded;
}
