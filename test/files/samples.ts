/**
 * Small but well-formed files of each kind, made in code so the tests carry no binary fixtures:
 * a PDF with a correct cross-reference table, a PNG and a baseline JPEG that decoders open (1×1 grey),
 * zip containers (stored, with real CRCs) shaped as xlsx or macro-enabled docx, OLE compound files
 * (MS-CFB v3) with the streams Word, Excel and PowerPoint write, and a Windows executable header.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { demoPdf, storedZip } from '../../src/use-cases/demo/files.ts';

const ascii = (s: string) => Buffer.from(s, 'latin1');

/** A one-page PDF 1.4 whose xref offsets are computed, as a PDF reader checks them (the demo's uploads are made the same way). */
export const pdfBytes = (): Buffer => Buffer.from(demoPdf('sample'));

/** A 1×1 8-bit greyscale PNG with correct chunk CRCs. */
export function pngBytes(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([ascii(type), data])));
    return Buffer.concat([length, ascii(type), data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, depth 8, greyscale
  const idat = deflateSync(Buffer.from([0, 0x80])); // filter 0, one grey pixel
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A 1×1 greyscale baseline JFIF JPEG (decodes with libjpeg to one pixel of value 128): one quantization
 * table, one-code DC and AC Huffman tables, and a single block coded as DC difference 0 then end-of-block.
 */
export function jpegBytes(): Buffer {
  return Buffer.from(
    'FFD8' +
      'FFE000104A46494600010100000100010000' + // APP0 JFIF 1.1
      'FFDB004300' + '01'.repeat(64) + // DQT 0
      'FFC0000B080001000101011100' + // SOF0: 8 bits, 1×1, one component
      'FFC4001400' + '01' + '00'.repeat(15) + '00' + // DHT DC 0: one 1-bit code, category 0
      'FFC4001410' + '01' + '00'.repeat(15) + '00' + // DHT AC 0: one 1-bit code, end of block
      'FFDA0008010100003F00' + // SOS
      '3F' + // bits 0 (DC) 0 (EOB), padded with ones
      'FFD9',
    'hex',
  );
}

export { storedZip };

function contentTypes(mainPart: string, mainType: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="${mainPart}" ContentType="${mainType}"/>` +
    '</Types>'
  );
}

const RELS = (target: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/>` +
  '</Relationships>';

/** The smallest SpreadsheetML package Excel opens: content types, relationships, a workbook with one empty sheet. */
export function xlsxBytes(): Buffer {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return storedZip([
    {
      name: '[Content_Types].xml',
      data: contentTypes('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml').replace(
        '</Types>',
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: RELS('xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${main}"><sheetData/></worksheet>` },
  ]);
}

/** A Word package declared macro-enabled (`.docm`), as a macro-carrying document would be. */
export function docmBytes(): Buffer {
  return storedZip([
    { name: '[Content_Types].xml', data: contentTypes('/word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml') },
    { name: '_rels/.rels', data: RELS('word/document.xml') },
    { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' },
  ]);
}

const SECTOR = 512;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/**
 * An OLE compound file (MS-CFB version 3, 512-byte sectors) whose directory lists `streams` below the
 * root entry: sector 0 is the FAT, the directory follows in as many sectors as it needs (four entries
 * each), chained through the FAT. The streams are empty; only the directory matters to a sniffer.
 */
export function compoundFile(streams: string[], options: { rootClassId?: string } = {}): Buffer {
  const names = ['Root Entry', ...streams];
  const directorySectors = Math.ceil(names.length / (SECTOR / 128));
  const header = Buffer.alloc(SECTOR);
  Buffer.from('D0CF11E0A1B11AE1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 0x3c); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 0x44); // no DIFAT sectors
  header.writeUInt32LE(0, 0x4c); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 0x4c + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  for (let i = 1; i <= directorySectors; i++) fat.writeUInt32LE(i === directorySectors ? ENDOFCHAIN : i + 1, i * 4);

  const directory = Buffer.alloc(directorySectors * SECTOR);
  names.forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    const encoded = Buffer.from(name + '\0', 'utf16le');
    encoded.copy(entry, 0);
    entry.writeUInt16LE(encoded.length, 0x40);
    entry[0x42] = i === 0 ? 5 : 2; // root storage, or stream
    entry[0x43] = 1; // black
    entry.writeUInt32LE(NOSTREAM, 0x44); // left sibling
    entry.writeUInt32LE(i > 0 && i < names.length - 1 ? i + 1 : NOSTREAM, 0x48); // right sibling
    entry.writeUInt32LE(i === 0 && names.length > 1 ? 1 : NOSTREAM, 0x4c); // child
    if (i === 0 && options.rootClassId) Buffer.from(options.rootClassId, 'hex').copy(entry, 0x50);
    entry.writeUInt32LE(ENDOFCHAIN, 0x74); // empty stream
  });
  for (let i = names.length; i < directorySectors * 4; i++) directory.writeUInt32LE(NOSTREAM, i * 128 + 0x44); // unused entries
  return Buffer.concat([header, fat, directory]);
}

/** The start of a Windows x64 executable: DOS stub header pointing at a PE signature and COFF header. */
export function peExecutableBytes(): Buffer {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c); // e_lfanew
  bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x8664, 0x84); // machine: x64
  bytes.writeUInt16LE(1, 0x86); // one section
  bytes.writeUInt16LE(0xf0, 0x94); // size of optional header
  bytes.writeUInt16LE(0x22, 0x96); // executable, large-address aware
  bytes.writeUInt16LE(0x20b, 0x98); // PE32+ optional header
  return bytes;
}

/** Deterministic bytes that look random (SHA-256 in counter mode), so no test depends on chance. */
export function pseudoRandomBytes(length: number, seed = 'seed'): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}
