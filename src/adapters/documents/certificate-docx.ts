/**
 * The certificate of a title (e.g. 河北省"互联网+"制造业示范企业), as a one-page Word document in the
 * official faces (converted to PDF by ./pdf.ts): the title in 二号 宋体 bold, the enterprise, the
 * program and project, the article it is awarded under, the issuer and the date.
 */
import { AlignmentType, Document, Packer } from 'docx';
import { FANGSONG, HEI, MARGIN, PAGE, SIZE, SONG, para } from './application-docx.ts';
import { formatIsoDate } from './format.ts';

export interface CertificateInput {
  titleName: string;
  organizationName: string;
  programName: string;
  projectName: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  awardedOn: string;
  issuer: string;
  citation: string;
  /** The certificate number, e.g. the title's record id. */
  number: string;
}

export async function certificateDocx(input: CertificateInput): Promise<Buffer> {
  const center = { alignment: AlignmentType.CENTER };
  const body = { font: FANGSONG, size: SIZE.heading };
  const doc = new Document({
    creator: input.issuer,
    title: `${input.titleName} 证书`,
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: MARGIN } },
        children: [
          para('证　书', { font: HEI, size: 56, bold: true }, { ...center, spacing: { before: 1200, after: 800 } }),
          para(input.organizationName, { font: SONG, size: SIZE.title, bold: true }, { ...center, spacing: { after: 400 } }),
          para('被认定为', body, { ...center, spacing: { after: 400 } }),
          para(input.titleName, { font: SONG, size: SIZE.title, bold: true }, { ...center, spacing: { after: 800 } }),
          para(`项目：${input.projectName}`, body, { spacing: { after: 200 } }),
          para(`依据：${input.programName}（${input.citation}）`, body, { spacing: { after: 200 } }),
          para(`证书编号：${input.number}`, body, { spacing: { after: 1600 } }),
          para(input.issuer, body, { alignment: AlignmentType.RIGHT, spacing: { after: 200 } }),
          para(formatIsoDate(input.awardedOn), body, { alignment: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
