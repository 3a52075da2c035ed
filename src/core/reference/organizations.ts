/**
 * The organization tree the platform starts with: the three provinces of the source policies, their
 * recommending units (every prefecture-level city, plus the province-administered units that the
 * policies name beside the cities), the provincial departments the policies name, and Shandong's
 * 十强 industry task forces. Division codes: GB/T 2260 as listed in shared/REFERENCE.md (b).
 */
import type { OrganizationKind } from '../roles.ts';

export interface ReferenceOrganization {
  /** Stable platform code, unique across the tree. For divisions it is the GB/T 2260 code. */
  code: string;
  name: string;
  nameEn: string;
  kind: OrganizationKind;
  /** GB/T 2260 division code where the unit is an administrative division. */
  divisionCode?: string;
  /** Division codes (county level) that this unit covers besides its own prefix. */
  coveredDivisionCodes?: string[];
  /** Why the unit is here, for units that are not plain prefecture-level cities. */
  note?: string;
  children?: ReferenceOrganization[];
}

const city = (divisionCode: string, name: string, nameEn: string, note?: string): ReferenceOrganization => ({
  code: divisionCode,
  name,
  nameEn,
  kind: 'city',
  divisionCode,
  ...(note ? { note } : {}),
});

const dept = (provinceCode: string, key: string, name: string, nameEn: string): ReferenceOrganization => ({
  code: `${provinceCode}-${key}`,
  name,
  nameEn,
  kind: 'department',
});

/** Departments the source policies name as lead or participating departments (002, 003, 004). */
function departments(p: string, prefix: string, miit: { name: string; nameEn: string }): ReferenceOrganization[] {
  return [
    dept(p, 'miit', miit.name, miit.nameEn),
    dept(p, 'finance', `${prefix}财政厅`, 'Department of Finance'),
    dept(p, 'ndrc', `${prefix}发展和改革委员会`, 'Development and Reform Commission'),
    dept(p, 'most', `${prefix}科学技术厅`, 'Department of Science and Technology'),
    dept(p, 'comms', `${prefix}通信管理局`, 'Communications Administration'),
    dept(p, 'commerce', `${prefix}商务厅`, 'Department of Commerce'),
    dept(p, 'sasac', `${prefix}人民政府国有资产监督管理委员会`, 'State-owned Assets Supervision and Administration Commission'),
    dept(p, 'finreg', `${prefix}地方金融监督管理局（金融办）`, 'Local Financial Supervision Bureau'),
    dept(p, 'audit', `${prefix}审计厅`, 'Audit Office'),
  ];
}

const expertPool = (p: string, prefix: string): ReferenceOrganization => ({
  code: `${p}-experts`,
  name: `${prefix}工业互联网评审专家库`,
  nameEn: 'Industrial-internet review expert pool',
  kind: 'expert_pool',
});

const XIONGAN_COUNTIES = ['130638', '130629', '130632']; // 雄县、容城县、安新县 (托管, keep 保定 codes)

export const HEBEI: ReferenceOrganization = {
  code: '130000',
  name: '河北省',
  nameEn: 'Hebei',
  kind: 'province',
  divisionCode: '130000',
  children: [
    ...departments('130000', '河北省', { name: '河北省工业和信息化厅', nameEn: 'Department of Industry and Information Technology' }),
    dept('130000', 'sti', '河北省国防科学技术工业局', 'Defence Science, Technology and Industry Office'),
    expertPool('130000', '河北省'),
    city('130100', '石家庄市', 'Shijiazhuang'),
    city('130200', '唐山市', 'Tangshan'),
    city('130300', '秦皇岛市', 'Qinhuangdao'),
    city('130400', '邯郸市', 'Handan'),
    city('130500', '邢台市', 'Xingtai'),
    city('130600', '保定市', 'Baoding'),
    city('130700', '张家口市', 'Zhangjiakou'),
    city('130800', '承德市', 'Chengde'),
    city('130900', '沧州市', 'Cangzhou'),
    city('131000', '廊坊市', 'Langfang'),
    city('131100', '衡水市', 'Hengshui'),
    city('130682', '定州市', 'Dingzhou', '省直管县级市，与设区市并列推荐（000 第二条）'),
    city('130181', '辛集市', 'Xinji', '省直管县级市，与设区市并列推荐（000 第二条）'),
    {
      code: 'XIONGAN',
      name: '雄安新区',
      nameEn: 'Xiong’an New Area',
      kind: 'city',
      coveredDivisionCodes: XIONGAN_COUNTIES,
      note: '无 GB/T 2260 代码；平台内部代码，托管雄县、容城县、安新县',
    },
  ],
};

const SHANDONG_TEN_INDUSTRIES: [string, string, string][] = [
  ['ngit', '新一代信息技术', 'Next-generation IT'],
  ['equipment', '高端装备', 'High-end equipment'],
  ['energy-materials', '新能源新材料', 'New energy and new materials'],
  ['ocean', '智慧海洋', 'Smart ocean'],
  ['health', '医养健康', 'Medical and elderly care'],
  ['chemicals', '绿色化工', 'Green chemicals'],
  ['agriculture', '现代高效农业', 'Modern efficient agriculture'],
  ['culture', '文化创意', 'Cultural and creative industries'],
  ['tourism', '精品旅游', 'Quality tourism'],
  ['finance', '现代金融', 'Modern finance'],
];

export const SHANDONG: ReferenceOrganization = {
  code: '370000',
  name: '山东省',
  nameEn: 'Shandong',
  kind: 'province',
  divisionCode: '370000',
  children: [
    ...departments('370000', '山东省', { name: '山东省工业和信息化厅', nameEn: 'Department of Industry and Information Technology' }),
    expertPool('370000', '山东省'),
    // 003 五（二）: materials are routed by category to the 十强 industry task forces (专班) for initial review.
    ...SHANDONG_TEN_INDUSTRIES.map(([key, name, nameEn]): ReferenceOrganization => ({
      code: `370000-tf-${key}`,
      name: `${name}产业专班`,
      nameEn: `${nameEn} task force`,
      kind: 'task_force',
    })),
    city('370100', '济南市', 'Jinan'),
    city('370200', '青岛市', 'Qingdao', '计划单列市'),
    city('370300', '淄博市', 'Zibo'),
    city('370400', '枣庄市', 'Zaozhuang'),
    city('370500', '东营市', 'Dongying'),
    city('370600', '烟台市', 'Yantai'),
    city('370700', '潍坊市', 'Weifang'),
    city('370800', '济宁市', 'Jining'),
    city('370900', '泰安市', "Tai'an"),
    city('371000', '威海市', 'Weihai'),
    city('371100', '日照市', 'Rizhao'),
    city('371300', '临沂市', 'Linyi'),
    city('371400', '德州市', 'Dezhou'),
    city('371500', '聊城市', 'Liaocheng'),
    city('371600', '滨州市', 'Binzhou'),
    city('371700', '菏泽市', 'Heze'),
  ],
};

export const HUBEI: ReferenceOrganization = {
  code: '420000',
  name: '湖北省',
  nameEn: 'Hubei',
  kind: 'province',
  divisionCode: '420000',
  children: [
    // 004 is issued by 湖北省经济和信息化厅 (the department's name in 2020).
    ...departments('420000', '湖北省', { name: '湖北省经济和信息化厅', nameEn: 'Department of Economy and Information Technology' }),
    expertPool('420000', '湖北省'),
    city('420100', '武汉市', 'Wuhan'),
    city('420200', '黄石市', 'Huangshi'),
    city('420300', '十堰市', 'Shiyan'),
    city('420500', '宜昌市', 'Yichang'),
    city('420600', '襄阳市', 'Xiangyang'),
    city('420700', '鄂州市', 'Ezhou'),
    city('420800', '荆门市', 'Jingmen'),
    city('420900', '孝感市', 'Xiaogan'),
    city('421000', '荆州市', 'Jingzhou'),
    city('421100', '黄冈市', 'Huanggang'),
    city('421200', '咸宁市', 'Xianning'),
    city('421300', '随州市', 'Suizhou'),
    city('422800', '恩施土家族苗族自治州', 'Enshi Tujia and Miao Autonomous Prefecture'),
    city('429004', '仙桃市', 'Xiantao', '省直辖县级行政单位，与市州并列推荐'),
    city('429005', '潜江市', 'Qianjiang', '省直辖县级行政单位，与市州并列推荐'),
    city('429006', '天门市', 'Tianmen', '省直辖县级行政单位，与市州并列推荐'),
    city('429021', '神农架林区', 'Shennongjia Forestry District', '省直辖县级行政单位，与市州并列推荐'),
  ],
};

export const PLATFORM: ReferenceOrganization = {
  code: 'PLATFORM',
  name: '工业互联网项目管理平台',
  nameEn: 'Industrial-internet program platform',
  kind: 'platform',
  children: [HEBEI, SHANDONG, HUBEI],
};

/**
 * The recommending unit (a `city` organization) for an enterprise's registered division code:
 * explicit coverage first (雄安), then a county-level unit's own code (定州, 辛集, 仙桃 …), then the
 * prefecture prefix. Returns undefined when the code lies outside every unit given.
 */
export function recommendingUnitFor<T extends { code: string; divisionCode?: string | null; coveredDivisionCodes?: readonly string[] | null }>(
  divisionCode: string,
  units: readonly T[],
): T | undefined {
  const covered = units.find((u) => u.coveredDivisionCodes?.includes(divisionCode));
  if (covered) return covered;
  const exact = units.find((u) => u.divisionCode === divisionCode);
  if (exact) return exact;
  const prefix = divisionCode.slice(0, 4);
  return units.find((u) => u.divisionCode?.endsWith('00') && u.divisionCode.slice(0, 4) === prefix && !u.divisionCode.endsWith('0000'));
}
