import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../domain/errors.ts';

/**
 * What an evidence file may be. The media type stored and served comes from this table (by the
 * file's extension), never from what the client claimed; the content is checked against it:
 * binary formats by their leading bytes ("magic"), text formats by holding no NUL byte (which
 * every executable, and every binary format, has). HTML and SVG are left out on purpose: they
 * are active content a browser would run; save a web page as PDF, or add it as a link.
 */
export interface FileType {
  /** extensions, lowercase, without the dot */
  extensions: readonly string[];
  mediaType: string;
  label: string;
  /** how the content is checked */
  check: 'text' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'odf';
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

export const fileTypes: readonly FileType[] = [
  { extensions: ['pdf'], mediaType: 'application/pdf', label: 'PDF', check: 'pdf' },
  { extensions: ['png'], mediaType: 'image/png', label: 'PNG image', check: 'png' },
  { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', label: 'JPEG image', check: 'jpeg' },
  { extensions: ['gif'], mediaType: 'image/gif', label: 'GIF image', check: 'gif' },
  { extensions: ['webp'], mediaType: 'image/webp', label: 'WebP image', check: 'webp' },
  { extensions: ['txt', 'log'], mediaType: 'text/plain; charset=utf-8', label: 'plain text', check: 'text' },
  { extensions: ['md', 'markdown'], mediaType: 'text/markdown; charset=utf-8', label: 'Markdown', check: 'text' },
  { extensions: ['csv'], mediaType: 'text/csv; charset=utf-8', label: 'CSV', check: 'text' },
  { extensions: ['json'], mediaType: 'application/json', label: 'JSON', check: 'text' },
  { extensions: ['xml'], mediaType: 'application/xml', label: 'XML', check: 'text' },
  { extensions: ['yaml', 'yml'], mediaType: 'application/yaml', label: 'YAML', check: 'text' },
  { extensions: ['docx'], mediaType: `${OOXML}.wordprocessingml.document`, label: 'Word document', check: 'zip' },
  { extensions: ['xlsx'], mediaType: `${OOXML}.spreadsheetml.sheet`, label: 'Excel workbook', check: 'zip' },
  { extensions: ['pptx'], mediaType: `${OOXML}.presentationml.presentation`, label: 'PowerPoint presentation', check: 'zip' },
  { extensions: ['odt'], mediaType: `${ODF}.text`, label: 'OpenDocument text', check: 'odf' },
  { extensions: ['ods'], mediaType: `${ODF}.spreadsheet`, label: 'OpenDocument spreadsheet', check: 'odf' },
  { extensions: ['odp'], mediaType: `${ODF}.presentation`, label: 'OpenDocument presentation', check: 'odf' },
  { extensions: ['zip'], mediaType: 'application/zip', label: 'ZIP archive', check: 'zip' },
];

const byExtension = new Map(fileTypes.flatMap((t) => t.extensions.map((e) => [e, t] as const)));

/** The accepted extensions, for messages and the documentation. */
export const allowedExtensions: readonly string[] = fileTypes.flatMap((t) => t.extensions);

const MAX_NAME_LENGTH = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name that is safe to store and to send back in Content-Disposition: the last path
 * segment only (no directories, on either separator), no control or bidirectional-override
 * characters, none of the characters Windows reserves, no leading or trailing dots and spaces,
 * no device names, and at most 200 characters with the extension kept.
 */
export function safeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  let name = base
    .replace(/[\t\n\r\v\f]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  if (stem === '') stem = 'evidence';
  const room = Math.max(1, MAX_NAME_LENGTH - ext.length);
  name = `${[...stem].slice(0, room).join('').trimEnd()}${[...ext].slice(0, MAX_NAME_LENGTH - 1).join('')}`;
  return name;
}

/**
 * The type of an uploaded file, from its (safe) name.
 * @throws AppError `unsupported_media_type` when the extension is missing or not accepted.
 */
export function fileTypeOf(fileName: string): FileType {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const type = byExtension.get(ext);
  if (!type) {
    const what = ext ? `".${ext}" files are not accepted as evidence` : `"${fileName}" has no file extension`;
    throw new AppError('unsupported_media_type', `${what}; accepted: ${allowedExtensions.map((e) => `.${e}`).join(', ')}`, {
      issues: [{ path: 'file', message: 'file type not accepted' }],
    });
  }
  return type;
}

const SNIFF_BYTES = 128;

function startsWith(head: Buffer, bytes: number[] | string, offset = 0): boolean {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + expected.length && head.subarray(offset, offset + expected.length).equals(expected);
}

/** Whether the first bytes of a file are what its type says it is (text is checked as it streams). */
export function headMatches(type: FileType, head: Buffer): boolean {
  switch (type.check) {
    case 'text':
      return true;
    case 'pdf':
      return startsWith(head, '%PDF-');
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'gif':
      return startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a');
    case 'webp':
      return startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8);
    case 'zip':
      // a local file header; an empty archive is only an end-of-directory record
      return startsWith(head, 'PK\u0003\u0004') || (type.extensions.includes('zip') && startsWith(head, 'PK\u0005\u0006'));
    case 'odf': {
      // OpenDocument: the first entry is named "mimetype", stored uncompressed, holding the media type.
      const nameLength = head.length >= 28 ? head.readUInt16LE(26) : 0;
      const extraLength = head.length >= 30 ? head.readUInt16LE(28) : 0;
      return (
        startsWith(head, 'PK\u0003\u0004') &&
        nameLength === 8 &&
        startsWith(head, 'mimetype', 30) &&
        startsWith(head, type.mediaType, 30 + nameLength + extraLength)
      );
    }
  }
}

/**
 * A pass-through stream that enforces an upload's rules while it flows to the store: at most
 * `maxBytes`, not empty, content matching `type` (checked on the first bytes before anything is
 * passed on; for text, no NUL byte anywhere). A breach destroys the stream with the AppError
 * (413, 415 or 400), so the store abandons what it was writing.
 */
export function uploadInspector(type: FileType, fileName: string, maxBytes: number): Transform {
  let seen = 0;
  let head: Buffer | null = Buffer.alloc(0);
  const mismatch = () =>
    new AppError(
      'unsupported_media_type',
      `the content of "${fileName}" is not a ${type.label} file (it may be another kind of file renamed); upload the file in its real format`,
      { issues: [{ path: 'file', message: `content is not ${type.label}` }] },
    );
  const checkText = (chunk: Buffer) => (type.check === 'text' && chunk.includes(0) ? mismatch() : null);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(
          new AppError('payload_too_large', `"${fileName}" is larger than the evidence upload limit of ${formatBytes(maxBytes)}`, {
            issues: [{ path: 'file', message: `larger than ${formatBytes(maxBytes)}` }],
            limitBytes: maxBytes,
          }),
        );
        return;
      }
      const textProblem = checkText(chunk);
      if (textProblem) return done(textProblem);
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) return done();
      const first = head;
      head = null;
      done(headMatches(type, first) ? null : mismatch(), first);
    },
    flush(done: TransformCallback) {
      if (seen === 0) {
        done(new AppError('validation_failed', `"${fileName}" is empty`, { issues: [{ path: 'file', message: 'the file is empty' }] }));
        return;
      }
      if (head !== null) {
        const first = head;
        head = null;
        if (!headMatches(type, first)) return done(mismatch());
        this.push(first);
      }
      done();
    },
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024 && n % (1024 * 1024 * 1024) === 0) return `${n / (1024 * 1024 * 1024)} GB`;
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}

/**
 * The Content-Disposition of a download: always an attachment (evidence is never shown inline),
 * with an ASCII fallback name and the exact name in RFC 5987 / RFC 6266 `filename*` form.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'evidence';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
