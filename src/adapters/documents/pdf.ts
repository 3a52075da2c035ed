/**
 * Word documents to PDF with LibreOffice (`soffice --headless --convert-to pdf`). One conversion runs
 * at a time (LibreOffice does not like parallel runs, and each run is a few hundred MB of memory);
 * each gets its own temporary folder and LibreOffice profile, removed afterwards, and is killed with
 * its whole process group when it takes longer than the timeout.
 *
 * The profile carries a font replacement table: the documents name the Windows faces of Chinese
 * official documents (宋体, 仿宋_GB2312, 黑体), which a Linux server does not have; LibreOffice then
 * draws them with Noto Serif CJK SC and Noto Sans CJK SC (Debian's fonts-noto-cjk) instead of
 * whatever font happens to have the glyphs.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const INSTALL_HINT = 'apt-get install -y libreoffice-writer-nogui fonts-noto-cjk';
const DEFAULT_TIMEOUT_MS = 60_000;

const UNAVAILABLE = {
  'zh-CN': `生成 PDF 需要 LibreOffice，服务器上未安装：${INSTALL_HINT}`,
  en: `PDF needs LibreOffice, which is not installed on the server: ${INSTALL_HINT}`,
};

/** PDF was asked for on a machine without LibreOffice. `messages` is for the user, in both languages. */
export class PdfUnavailableError extends Error {
  readonly code = 'pdf_unavailable';
  readonly messages = UNAVAILABLE;
  constructor() {
    super(`${UNAVAILABLE['zh-CN']} / ${UNAVAILABLE.en}`);
    this.name = 'PdfUnavailableError';
  }
}

/** LibreOffice ran but gave no PDF: it failed, or it ran out of time. */
export class PdfConversionError extends Error {
  readonly code = 'pdf_conversion_failed';
  constructor(message: string) {
    super(message);
    this.name = 'PdfConversionError';
  }
}

/** The LibreOffice program on PATH (`soffice`, else `libreoffice`), or null. */
export function findPdfConverter(): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export function pdfConverterAvailable(): boolean {
  return findPdfConverter() !== null;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts a .docx to PDF. Conversions wait their turn; `timeoutMs` (default 60 s) counts from the
 * moment this one starts. Throws PdfUnavailableError without LibreOffice, PdfConversionError when
 * the conversion fails or times out.
 */
export function convertToPdf(docx: Buffer, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  const converter = findPdfConverter();
  if (!converter) return Promise.reject(new PdfUnavailableError());
  const job = queue.then(() => convertOnce(converter, docx, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  queue = job.catch(() => undefined);
  return job;
}

async function convertOnce(converter: string, docx: Buffer, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'docx-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    const profile = join(dir, 'lo-profile');
    await writeProfile(profile);
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      dir,
      input,
    ];
    const { code, output } = await run(converter, args, timeoutMs);
    const pdf = await readFile(join(dir, 'document.pdf')).catch(() => null);
    if (!pdf || pdf.subarray(0, 4).toString('latin1') !== '%PDF') {
      throw new PdfConversionError(`LibreOffice gave no PDF (exit ${code}): ${output.trim().slice(-500)}`);
    }
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the converter in its own process group, so that a timeout ends soffice.bin as well as its
 * launcher scripts. A timed-out run is reported once the processes are gone (or after a grace period),
 * so that its folder is not removed under it and the next conversion does not overlap with it.
 */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timedOut = () => reject(new PdfConversionError(`LibreOffice did not finish within ${timeoutMs} ms`));
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      grace = setTimeout(timedOut, 5_000);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new PdfConversionError(`LibreOffice could not be started: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (grace) {
        clearTimeout(grace);
        timedOut();
      } else resolve({ code, output });
    });
  });
}

/** Official Chinese faces and the Noto CJK face that stands in for each. */
const FONT_REPLACEMENTS: [string, string][] = [
  ['宋体', 'Noto Serif CJK SC'],
  ['SimSun', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['FangSong', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['SimHei', 'Noto Sans CJK SC'],
  ['微软雅黑', 'Noto Sans CJK SC'],
];

/** A fresh LibreOffice profile holding only the font replacement table. */
async function writeProfile(profile: string): Promise<void> {
  const user = join(profile, 'user');
  await mkdir(user, { recursive: true });
  const pairs = FONT_REPLACEMENTS.map(
    ([from, to], i) =>
      `<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_${i}" oor:op="replace">` +
      `<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>` +
      `<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>` +
      `<prop oor:name="ReplaceFont" oor:op="fuse"><value>${from}</value></prop>` +
      `<prop oor:name="SubstituteFont" oor:op="fuse"><value>${to}</value></prop>` +
      `</node></item>`,
  );
  const xcu =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    '<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>\n' +
    pairs.join('\n') +
    '\n</oor:items>\n';
  await writeFile(join(user, 'registrymodifications.xcu'), xcu);
}
