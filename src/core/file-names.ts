/**
 * Attachment file names as the applicant gave them, made safe to show, store beside a record and send
 * back in a download. The name is only a label: content lives under an opaque key (FileStore), and what
 * a file really is comes from its bytes (ContentSniffer), never from this name.
 */

/** Longest name kept, in UTF-16 code units (so also at most this many code points). */
export const MAX_FILE_NAME_LENGTH = 120;

/** What remains when a name has nothing usable left. */
const FALLBACK_STEM = 'file';

/**
 * Removed outright: control characters (C0, DEL, C1), lone surrogates, the bidirectional controls that
 * make `invoice\u202Efdp.exe` display as `invoiceexe.pdf` (U+061C, U+200E/F, U+202A–E, U+2066–9),
 * zero-width space and BOM, and the characters Windows forbids in names (`<>:"|?*`; `/` and `\` are
 * path separators, handled before).
 */
const DROPPED = /[\p{Cc}\p{Cs}\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF<>:"|?*]/gu;

/** DOS device names, reserved on Windows whatever the extension (`CON.pdf`, `com1.tar.gz`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

/** An extension worth keeping: 1 to 16 letters or digits (`pdf`, `docx`, `7z`; not `2 final`). */
const EXTENSION = /\.([\p{L}\p{N}]{1,16})$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A file name safe to display and to offer as a download name on any system: the last path segment
 * only (`../../etc/passwd` → `passwd`, `C:\x\报告.pdf` → `报告.pdf`), NFC-normalized, whitespace runs
 * collapsed to one space, without control, bidirectional-override or Windows-illegal characters,
 * without leading or trailing dots and spaces, never a Windows device name, at most
 * {@link MAX_FILE_NAME_LENGTH} characters with its extension kept (cut between whole characters, never
 * inside a surrogate pair or a combining sequence). Chinese and other scripts are kept as they are.
 * `file` (plus the extension, if any) when nothing else is left.
 */
export function sanitizeFileName(name: string): string {
  // Whitespace first (a tab or line break becomes a space, not nothing); U+FEFF counts as \s in
  // JavaScript but is an invisible mark, dropped below.
  let s = name.normalize('NFC').replace(/[^\S\uFEFF]+/gu, ' ');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(DROPPED, '').replace(/ {2,}/g, ' ');
  s = s.replace(/[. ]+$/, '');

  // `.pdf` alone is an extension without a name: keep the extension rather than making it the name.
  const onlyExtension = /^[. ]*\.([\p{L}\p{N}]{1,16})$/u.exec(s);
  if (onlyExtension) return `${FALLBACK_STEM}.${onlyExtension[1]!}`;
  s = s.replace(/^[. ]+/, '');

  s = capLength(s);

  const firstDot = s.indexOf('.');
  const stem = firstDot === -1 ? s : s.slice(0, firstDot);
  if (WINDOWS_RESERVED.test(stem.trimEnd())) s = FALLBACK_STEM + (firstDot === -1 ? '' : s.slice(firstDot));
  return s === '' ? FALLBACK_STEM : s;
}

/** Cuts an over-long name between grapheme clusters, keeping its extension. */
function capLength(s: string): string {
  if (s.length <= MAX_FILE_NAME_LENGTH) return s;
  const ext = EXTENSION.exec(s)?.[0] ?? '';
  const budget = MAX_FILE_NAME_LENGTH - ext.length;
  let stem = '';
  for (const { segment } of graphemes.segment(s.slice(0, s.length - ext.length))) {
    if (stem.length + segment.length > budget) break;
    stem += segment;
  }
  stem = stem.replace(/[. ]+$/, '');
  return (stem === '' ? FALLBACK_STEM : stem) + ext;
}

/**
 * The extension of the name as {@link sanitizeFileName} leaves it, lower case and without the dot
 * (`报告.PDF` → `pdf`, `a.tar.gz` → `gz`); `''` when there is none. Taken after sanitizing so that
 * hidden characters cannot disguise it: `invoice\u202Efdp.exe` has the extension `exe`.
 */
export function extensionOf(name: string): string {
  const safe = sanitizeFileName(name);
  return EXTENSION.exec(safe)?.[1]?.toLowerCase() ?? '';
}

/**
 * A `Content-Disposition` header value (RFC 6266) for sending the named file: a plain-ASCII
 * `filename="…"` for old clients, and the exact name as `filename*=UTF-8''…` (RFC 8187), which
 * current browsers prefer. The name is sanitized first, so the header can never carry CR/LF or quotes.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const safe = sanitizeFileName(fileName);
  return `${disposition}; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}

/** Runs of characters outside printable ASCII (and `"`, `\`, `%`, which clients treat specially) become `_`. */
function asciiFallback(safe: string): string {
  const ext = EXTENSION.exec(safe)?.[0] ?? '';
  const asciiExt = /^\.[A-Za-z0-9]+$/.test(ext) ? ext : '';
  const stem = safe.slice(0, safe.length - asciiExt.length).replace(/[^\x20-\x7E]+|["\\%]/g, '_');
  return (/[A-Za-z0-9]/.test(stem) ? stem : FALLBACK_STEM) + asciiExt;
}

/** Percent-encodes everything outside RFC 8187's attr-char. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
