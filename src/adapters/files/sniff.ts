/**
 * What uploaded content really is, from its first bytes: `file-type` reads the magic numbers (and,
 * for zip-based formats, the entry names, so a docx is told from an xlsx or a plain zip); old Office
 * files, which `file-type` reports only as an OLE compound file (`cfb`), are told apart here by the
 * names of their streams.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { ContentSniffer } from '../../use-cases/ports.ts';
import { inspectArchive } from './archive.ts';

/** How much of a file the sniffer needs at most; callers pass the first bytes up to this. */
export const SNIFF_BYTES = 4 * 1024 * 1024;

/** The kinds the platform accepts, and the MIME type each is served with. */
export const KIND_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  jpg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
} as const;

export type FileKind = keyof typeof KIND_MIME;

export interface SniffResult {
  /** An accepted kind, or null when the content is unknown or of a kind not accepted. */
  kind: FileKind | null;
  /** The MIME type to serve an accepted kind with; for others, what `file-type` said (or null). */
  mime: string | null;
  /**
   * What the content was found to be, as a file-type extension: equal to `kind` for accepted content
   * (`apng` for an animated PNG), otherwise e.g. `exe`, `elf`, `xml`, `docm` (macros), `ppt`, `msi`,
   * `encrypted-office`; `cfb` for an OLE file whose stream directory lies beyond the bytes given
   * (see {@link sniffContent}); null when nothing was recognized (plain text, HTML, scripts, random bytes).
   */
  detected: string | null;
}

/** `file-type` results accepted as they are, and the kind each counts as. */
const ACCEPTED: Record<string, FileKind> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', jpg: 'jpg', png: 'png', apng: 'png', zip: 'zip' };

/**
 * Sniffs `head`, the first bytes of a file (up to {@link SNIFF_BYTES}; at least a few KiB for Office
 * formats).
 *
 * OLE compound files (`.doc`, `.xls`, but also `.ppt`, `.msi`, password-protected docx/xlsx) are told
 * apart by their stream directory: a `WordDocument` stream makes a `doc`, `Workbook` (or BIFF5's `Book`)
 * an `xls`, anything else is refused with what it was. Office usually writes the directory near the
 * start, but a large file may keep it past the bytes given: then the result is
 * `{ kind: 'doc', detected: 'cfb' }`, and a caller expecting a `.doc` or an `.xls` should accept
 * `detected === 'cfb'` for both.
 */
export async function sniffContent(head: Uint8Array): Promise<SniffResult> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return { kind: null, mime: null, detected: null };
  if (found.ext === 'cfb') return sniffCompoundFile(head);
  const kind = ACCEPTED[found.ext];
  if (kind) return { kind, mime: KIND_MIME[kind], detected: found.ext };
  return { kind: null, mime: found.mime, detected: found.ext };
}

/** The sniffer of the platform: `file-type` for what content is, archive.ts for zip bombs in zip-based kinds. */
export const fileTypeSniffer: ContentSniffer = { sniff: sniffContent, inspectArchive: (content) => inspectArchive(content) };

// ---- OLE compound files (MS-CFB) ----

const CFB_MIME = 'application/x-cfb';
/** Root-entry class id of Windows Installer packages, {000C1084-0000-0000-C000-000000000046}, as stored. */
const MSI_CLSID = '84100c0000000000c000000000000046';

function sniffCompoundFile(head: Uint8Array): SniffResult {
  const directory = readCfbDirectory(head);
  const names = new Set(directory.names);
  if (names.has('WordDocument')) return { kind: 'doc', mime: KIND_MIME.doc, detected: 'doc' };
  if (names.has('Workbook') || names.has('Book')) return { kind: 'xls', mime: KIND_MIME.xls, detected: 'xls' };
  if (directory.rootClassId === MSI_CLSID) return { kind: null, mime: 'application/x-msi', detected: 'msi' };
  if (!directory.complete) return { kind: 'doc', mime: CFB_MIME, detected: 'cfb' };
  if (names.has('PowerPoint Document')) return { kind: null, mime: 'application/vnd.ms-powerpoint', detected: 'ppt' };
  if (names.has('EncryptedPackage')) return { kind: null, mime: CFB_MIME, detected: 'encrypted-office' };
  return { kind: null, mime: CFB_MIME, detected: 'cfb' };
}

interface CfbDirectory {
  /** Names of the directory entries that could be read. */
  names: string[];
  /** The root entry's class id as hex of its stored bytes, when the first directory sector was readable. */
  rootClassId: string | null;
  /** Whether the whole directory chain lay within the bytes given. */
  complete: boolean;
}

const END_OF_CHAIN = 0xfffffffe;
/** Sector numbers from here up are markers (end of chain, free, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_SIZE = 128;

/**
 * Reads the directory entries of a compound file (MS-CFB 2.2, 2.6), following the directory's sector
 * chain through the FAT, as far as `head` reaches. Only the header's 109 DIFAT entries are used, which
 * cover files up to about 7 MiB (512-byte sectors) or 448 MiB (4096-byte sectors).
 */
function readCfbDirectory(head: Uint8Array): CfbDirectory {
  const result: CfbDirectory = { names: [], rootClassId: null, complete: false };
  if (head.byteLength < 512) return result;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (view.getUint16(0x1c, true) !== 0xfffe || (sectorShift !== 9 && sectorShift !== 12)) return result;
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const inHead = (offset: number, length: number) => offset + length <= head.byteLength;

  const nextSector = (sector: number): number | null => {
    const perFatSector = sectorSize / 4;
    const fatIndex = Math.floor(sector / perFatSector);
    if (fatIndex >= HEADER_DIFAT_ENTRIES) return null;
    const fatSector = view.getUint32(0x4c + fatIndex * 4, true);
    if (fatSector >= MAX_REGULAR_SECTOR) return null;
    const offset = sectorOffset(fatSector) + (sector % perFatSector) * 4;
    return inHead(offset, 4) ? view.getUint32(offset, true) : null;
  };

  const decoder = new TextDecoder('utf-16le');
  const seen = new Set<number>();
  let sector: number | null = view.getUint32(0x30, true);
  while (sector !== null && sector < MAX_REGULAR_SECTOR) {
    const start = sectorOffset(sector);
    if (seen.has(sector) || !inHead(start, sectorSize)) return result; // a loop, or beyond the head
    seen.add(sector);
    for (let entry = start; entry < start + sectorSize; entry += DIRECTORY_ENTRY_SIZE) {
      const type = head[entry + 0x42];
      const nameBytes = view.getUint16(entry + 0x40, true);
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue; // unused entry
      result.names.push(decoder.decode(head.subarray(entry, entry + nameBytes - 2)));
      if (type === 5 && result.rootClassId === null) result.rootClassId = toHex(head.subarray(entry + 0x50, entry + 0x60));
    }
    sector = nextSector(sector);
  }
  result.complete = sector === END_OF_CHAIN;
  return result;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
