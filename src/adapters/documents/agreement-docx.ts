/**
 * The implementation agreement (项目实施协议) generated from the approved implementation plan: the
 * two parties (甲方 the province department, 乙方 the enterprise), the project, the implementation
 * period, the budget by the program's eligible expense categories (万元), the performance indicators,
 * the milestones, the key terms with the policy citations, and the signature block. GB/T 9704 page,
 * 三号 仿宋 body as the other official documents (./notice-docx.ts, ./application-docx.ts).
 */
import { AlignmentType, Document, LineRuleType, Packer, type FileChild, type IFontAttributesProperties } from 'docx';
import type { ImplementationPlan } from '../../../contracts/implementation.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { FANGSONG, HEI, LABEL_SHADE, MARGIN, PAGE, SIZE, SONG, TEXT_WIDTH, clean, gridTable, pageNumberFooter, para, prose, split, type RowSpec, type RunStyle } from './application-docx.ts';
import { formatIsoDate, formatShanghaiDate, formatWan } from './format.ts';

export interface AgreementDocxInput {
  agreementNumber: string | null;
  /** 甲方: the province department (the program's issuer). */
  province: string;
  /** 乙方: the enterprise. */
  enterprise: { name: string; creditCode: string | null };
  cityName: string | null;
  projectName: string;
  definition: ProgramDefinition;
  plan: ImplementationPlan;
  signedOn: string | null;
  signatories: { province: string; enterprise: string } | null;
  generatedAt: Date;
}

const XIAOBIAOSONG: IFontAttributesProperties = { ...SONG, eastAsia: '方正小标宋简体' };
const BODY: RunStyle = { font: FANGSONG, size: SIZE.heading };
const HEADING: RunStyle = { font: HEI, size: SIZE.heading };
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const SMALL: RunStyle = { size: SIZE.small };

export async function agreementDocx(input: AgreementDocxInput): Promise<Buffer> {
  const { plan, definition } = input;
  const programName = definition.name['zh-CN'];
  const categories = new Map((definition.subsidy?.kind === 'formula' ? definition.subsidy.eligibleInvestment.categories : []).map((c) => [c.code, c.name['zh-CN']]));
  const total = plan.budget.reduce((s, b) => s + b.amountFen, 0);
  const citations = [definition.acceptance?.citation, definition.subsidy && 'citation' in definition.subsidy ? definition.subsidy.citation : undefined, ...definition.titles.map((t) => t.citation)].filter(
    (c): c is string => Boolean(c),
  );
  const source = `《${definition.source.title}》${definition.documentNumber ? `（${definition.documentNumber}）` : ''}`;
  const heading = (text: string) => para(text, HEADING, { spacing: { ...LINE, before: 240 } });
  const body = (text: string) => prose(text, BODY, { spacing: LINE, alignment: AlignmentType.JUSTIFIED });

  const children: FileChild[] = [
    para(`${programName}`, { font: XIAOBIAOSONG, size: SIZE.title }, { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
    para('项目实施协议', { font: XIAOBIAOSONG, size: SIZE.title }, { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 240 } }),
    ...(input.agreementNumber ? [para(`协议编号：${input.agreementNumber}`, BODY, { alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 240 } })] : []),
    para(`甲方：${input.province}`, BODY, { spacing: LINE }),
    para(`乙方：${input.enterprise.name}`, BODY, { spacing: LINE }),
    ...(input.enterprise.creditCode ? [para(`统一社会信用代码：${input.enterprise.creditCode}`, BODY, { spacing: LINE })] : []),
    ...body(`根据${source}，乙方的“${input.projectName}”项目${input.cityName ? `（${input.cityName}推荐）` : ''}经遴选列入${programName}。为保证项目按期实施、规范使用资金，甲乙双方订立本协议。`),
    heading('一、项目名称与实施期'),
    ...body(`项目名称：${input.projectName}。实施期：${formatIsoDate(plan.startDate)}至${formatIsoDate(plan.endDate)}。`),
    heading('二、建设目标'),
    ...body(plan.goals),
    heading('三、投资预算'),
    ...body(`项目计划投资合计 ${formatWan(total)} 万元，按投资类别如下：`),
    table(
      ['序号', '投资类别', '金额（万元）'],
      [30, 50, 20],
      plan.budget.map((b, i) => [String(i + 1), categories.get(b.category) ?? b.category, formatWan(b.amountFen)]).concat([['', '合计', formatWan(total)]]),
    ),
    heading('四、绩效指标'),
    table(['序号', '指标', '目标值', '单位'], [12, 48, 24, 16], plan.indicators.map((x, i) => [String(i + 1), x.name, x.target, x.unit])),
    heading('五、实施进度'),
    table(['序号', '节点', '计划完成日期'], [12, 58, 30], plan.milestones.map((m, i) => [String(i + 1), m.name, formatIsoDate(m.dueDate)])),
    heading('六、双方责任'),
    ...body('乙方按本协议及实施方案组织实施，每季度结束时报送项目进展（完成节点、累计投资、存在问题），接受市级主管部门和甲方的指导检查，如实建立投资台账；补助资金专款专用。'),
    ...body('甲方会同市级主管部门对项目实施情况进行指导、检查，组织验收；对弄虚作假、挪用资金等行为依规处理。'),
    heading('七、验收'),
    ...body(acceptanceTerms(definition)),
    ...(citations.length ? [heading('八、政策依据'), ...body(`本协议依据${source}订立，相关条款：${[...new Set(citations)].join('；')}。`)] : []),
    para('', BODY, { spacing: LINE }),
    signatureTable(input),
  ];
  const document = new Document({
    title: clean(`${input.projectName}项目实施协议`),
    subject: clean(programName),
    creator: clean(input.province),
    description: 'implementation agreement',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') }, children }],
  });
  return Packer.toBuffer(document);
}

function acceptanceTerms(definition: ProgramDefinition): string {
  const a = definition.acceptance;
  if (!a) return '项目完成后，乙方按甲方要求申请验收。';
  const steps = a.sequence.map((s) => (s === 'initial_acceptance' ? '市级主管部门初验' : a.acceptedBy === 'city' ? '市级主管部门验收' : '甲方组织专家验收')).join('、');
  const materials = a.materials.length ? `，提交${a.materials.map((m) => `${m.name['zh-CN']}（${m.citation}）`).join('、')}` : '';
  const rectification = a.rectification.allowed ? '验收不合格的，限期整改后重新验收；再次不合格的，按验收不通过处理。' : '验收不合格的，按验收不通过处理。';
  return `项目完成后，乙方申请验收${materials}，经${steps}（${a.citation}）。${rectification}`;
}

function table(header: string[], weights: number[], rows: string[][]) {
  const widths = split(TEXT_WIDTH, weights);
  const specs: RowSpec[] = [
    { header: true, cantSplit: true, minHeight: 440, cells: header.map((h, i) => ({ width: widths[i]!, shade: LABEL_SHADE, children: [para(h, { ...SMALL, font: HEI, bold: true }, { alignment: AlignmentType.CENTER })] })) },
    ...(rows.length ? rows : [header.map(() => '')]).map((r): RowSpec => ({ cantSplit: true, minHeight: 400, cells: r.map((c, i) => ({ width: widths[i]!, children: [para(c, SMALL, { alignment: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT })] })) })),
  ];
  return gridTable(specs, TEXT_WIDTH);
}

function signatureTable(input: AgreementDocxInput) {
  const widths = split(TEXT_WIDTH, [50, 50]);
  const date = input.signedOn ? formatIsoDate(input.signedOn) : '    年  月  日';
  const side = (party: string, name: string, signatory: string | undefined) => [
    para(`${party}：${name}（盖章）`, BODY, { spacing: LINE }),
    para(`代表人：${signatory ?? ''}`, BODY, { spacing: LINE }),
    para(`日期：${date}`, BODY, { spacing: LINE }),
  ];
  return gridTable(
    [
      {
        cells: [
          { width: widths[0]!, children: side('甲方', input.province, input.signatories?.province) },
          { width: widths[1]!, children: side('乙方', input.enterprise.name, input.signatories?.enterprise) },
        ],
      },
      { cells: [{ width: TEXT_WIDTH, children: [para(`生成时间：${formatShanghaiDate(input.generatedAt)}`, SMALL, { alignment: AlignmentType.RIGHT })] }] },
    ],
    TEXT_WIDTH,
    'none',
  );
}
