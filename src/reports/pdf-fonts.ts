import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

/**
 * The fonts of PDF exports and the pdfmake set-up. pdfmake 0.3 reads font files through a
 * local-access policy; we embed the Roboto faces shipped inside the pdfmake package (Latin,
 * Greek, Cyrillic) and allow exactly those four files, and no URL at all — a report never reaches
 * the network or any other file. Text is mapped onto what Roboto can draw, so a character it lacks
 * becomes a visible substitute instead of an invisible box.
 */

const require = createRequire(import.meta.url);
const robotoDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

const faces = {
  normal: path.join(robotoDir, 'Roboto-Regular.ttf'),
  bold: path.join(robotoDir, 'Roboto-Medium.ttf'),
  italics: path.join(robotoDir, 'Roboto-Italic.ttf'),
  bolditalics: path.join(robotoDir, 'Roboto-MediumItalic.ttf'),
};
const allowedFiles = new Set(Object.values(faces));

let configured = false;

/** pdfmake with the embedded Roboto faces and the access policies; configured once per process. */
export function pdfMaker(): typeof pdfmake {
  if (!configured) {
    pdfmake.setFonts({ Roboto: faces });
    pdfmake.setLocalAccessPolicy((file) => allowedFiles.has(path.resolve(file)));
    pdfmake.setUrlAccessPolicy(() => false);
    configured = true;
  }
  return pdfmake;
}

export const PDF_FONT = 'Roboto';

/**
 * The code points a TrueType font maps to a glyph, read from its `cmap` table (formats 4 and 12,
 * the Unicode subtables), as sorted inclusive ranges.
 */
export function fontCoverage(font: Buffer): [number, number][] {
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i += 1) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) return [];
  const subtables = font.readUInt16BE(cmap + 2);
  let best: { offset: number; format: number } | null = null;
  for (let i = 0; i < subtables; i += 1) {
    const platform = font.readUInt16BE(cmap + 4 + i * 8);
    const encoding = font.readUInt16BE(cmap + 6 + i * 8);
    const offset = cmap + font.readUInt32BE(cmap + 8 + i * 8);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && best?.format !== 12))) best = { offset, format };
  }
  if (!best) return [];
  const ranges: [number, number][] = [];
  const o = best.offset;
  if (best.format === 12) {
    const groups = font.readUInt32BE(o + 12);
    for (let g = 0; g < groups; g += 1) ranges.push([font.readUInt32BE(o + 16 + g * 12), font.readUInt32BE(o + 20 + g * 12)]);
  } else {
    const segments = font.readUInt16BE(o + 6) / 2;
    const ends = o + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s += 1) {
      const start = font.readUInt16BE(starts + s * 2);
      const end = font.readUInt16BE(ends + s * 2);
      const delta = font.readInt16BE(deltas + s * 2);
      const rangeOffsetAt = rangeOffsets + s * 2;
      const rangeOffset = font.readUInt16BE(rangeOffsetAt);
      for (let c = start; c <= end && c !== 0xffff; c += 1) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const at = rangeOffsetAt + rangeOffset + (c - start) * 2;
          const raw = at + 1 < font.length ? font.readUInt16BE(at) : 0;
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph === 0) continue;
        const last = ranges[ranges.length - 1];
        if (last && last[1] === c - 1) last[1] = c;
        else ranges.push([c, c]);
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

let coverage: [number, number][] | null = null;

function drawable(codePoint: number): boolean {
  coverage ??= fontCoverage(fs.readFileSync(faces.normal));
  let lo = 0;
  let hi = coverage.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = coverage[mid] as [number, number];
    if (codePoint < range[0]) hi = mid - 1;
    else if (codePoint > range[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Readable stand-ins for common symbols the font lacks; anything else becomes "?". */
const substitutes: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '⇐': '<=',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '\t': '    ',
};

/** Text the embedded font can draw: line breaks kept, every other character drawable or substituted. */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || (cp >= 0x20 && drawable(cp))) out += ch;
    else out += substitutes[ch] ?? (cp < 0x20 ? '' : '?');
  }
  return out;
}
