/**
 * Reads the XML parts of a .docx (a zip) so tests can check what text extraction does not show:
 * fonts, page setup, shading, footers. Only what docx writes is handled: stored or deflated entries
 * listed in the central directory.
 */
import { inflateRawSync } from 'node:zlib';

export function docxParts(docx: Buffer): Map<string, string> {
  const parts = new Map<string, string>();
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  const eocd = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1) throw new Error('not a zip file');
  const count = docx.readUInt16LE(eocd + 10);
  let at = docx.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (docx.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = docx.readUInt16LE(at + 10);
    const compressedSize = docx.readUInt32LE(at + 20);
    const nameLength = docx.readUInt16LE(at + 28);
    const extraLength = docx.readUInt16LE(at + 30);
    const commentLength = docx.readUInt16LE(at + 32);
    const localHeader = docx.readUInt32LE(at + 42);
    const name = docx.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = localHeader + 30 + docx.readUInt16LE(localHeader + 26) + docx.readUInt16LE(localHeader + 28);
    const data = docx.subarray(dataStart, dataStart + compressedSize);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

export function part(docx: Buffer, name: string): string {
  const xml = docxParts(docx).get(name);
  if (xml === undefined) throw new Error(`no part ${name}`);
  return xml;
}
