/**
 * Paper forms of the source policies, as layouts over a form's field ids. A program listed here gets
 * its document laid out like the form it would print and seal; one not listed gets the generic layout
 * (./layout.ts). A layout names fields only by id, so it keeps working for a new version of the
 * program as long as those fields are still there (otherwise the generic layout is used).
 */
import type { Bilingual } from '../../core/programs/definition.ts';

export type OfficialRow =
  /** One field across the row, or two side by side. */
  | { kind: 'entries'; fields: [string] | [string, string] }
  /** A long text in one cell across the table, its label heading the cell. */
  | { kind: 'block'; field: string }
  /** Values under column headings, one row per label (the fields in column order). */
  | { kind: 'grid'; corner: Bilingual; columns: Bilingual[]; rows: { label: Bilingual; fields: string[] }[] }
  /** An opinion, then the signatory and seal line, then the date. */
  | { kind: 'signature'; field: string; signatory?: string; seal: Bilingual; date?: string };

export interface OfficialLayout {
  programCode: string;
  formId: string;
  /** Where the paper form is printed in the source text. */
  source: string;
  /** The cover page's fill-in lines (label and field). */
  cover: { label: Bilingual; field: string }[];
  rows: OfficialRow[];
  /** The note printed under the table. */
  note?: Bilingual;
}

const bi = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/**
 * 004 附件2《2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目申报表》: a cover page
 * (申报单位、推荐单位、申报日期), then one bordered table: four rows across, three rows of two pairs,
 * the prior pilots, the 经营情况 grid (2018年 and 2019年 by 销售收入、同比增长、利润、同比增长), the
 * narrative, and the two opinions with seal and date.
 */
const HUBEI_2020_APPLICATION: OfficialLayout = {
  programCode: 'hubei-2020-dual-innovation',
  formId: 'application',
  source: 'programs/sources/004_b9bceb4e0f92c780.txt 附件2',
  cover: [
    { label: bi('申 报 单 位（盖章）', 'Applicant (sealed)'), field: 'unitName' },
    { label: bi('推 荐 单 位（盖章）', 'Recommending unit (sealed)'), field: 'recommendingUnit' },
    { label: bi('申 报 日 期', 'Date of application'), field: 'applicationDate' },
  ],
  rows: [
    { kind: 'entries', fields: ['unitName'] },
    { kind: 'entries', fields: ['projectName'] },
    { kind: 'entries', fields: ['directions'] },
    { kind: 'entries', fields: ['address'] },
    { kind: 'entries', fields: ['legalRepresentative', 'industry'] },
    { kind: 'entries', fields: ['contactAndTitle', 'mobile'] },
    { kind: 'entries', fields: ['email', 'employees'] },
    { kind: 'entries', fields: ['priorPilots'] },
    {
      kind: 'grid',
      corner: bi('经营情况\n年度', 'Business results\nYear'),
      columns: [bi('销售收入', 'Sales revenue'), bi('同比增长', 'Growth'), bi('利  润', 'Profit'), bi('同比增长', 'Growth')],
      rows: [
        { label: bi('2018年', '2018'), fields: ['sales2018', 'salesGrowth2018', 'profit2018', 'profitGrowth2018'] },
        { label: bi('2019年', '2019'), fields: ['sales2019', 'salesGrowth2019', 'profit2019', 'profitGrowth2019'] },
      ],
    },
    { kind: 'block', field: 'narrative' },
    { kind: 'signature', field: 'applicantOpinion', seal: bi('（公章）', '(Seal)'), date: 'applicantOpinionDate' },
    { kind: 'signature', field: 'cityRecommendation', signatory: 'citySignatory', seal: bi('（单位公章）', '(Seal of the bureau)'), date: 'cityRecommendationDate' },
  ],
  note: bi(
    '注：请在申报表后附上申报单位申报项目的具体情况详细介绍、相关佐证材料及其他相关附件。',
    'Note: attach after this form a detailed description of the project, the supporting evidence and any other relevant attachments.',
  ),
};

export const OFFICIAL_LAYOUTS: readonly OfficialLayout[] = [HUBEI_2020_APPLICATION];
