/**
 * The parts the demo population is composed from: where enterprises are registered (real GB/T 2260
 * county-level codes under each recommending unit, weighted so the big industrial cities get more),
 * what they make (GB/T 4754-2017 classes, mostly manufacturing), and Chinese company, person and
 * project names put together from parts. Everything is drawn from a seeded generator, so one seed
 * always gives the same population.
 */
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../core/credit-code.ts';
import { nextInt } from '../../core/oversight/prng.ts';

export type Random = () => number;

/** A recommending unit's code, its short name (for company names), its weight and its county-level codes. */
export interface Place {
  unitCode: string;
  short: string;
  weight: number;
  counties: readonly string[];
}

/** Hebei: 石家庄, 唐山 and 保定 carry the most industry; 定州, 辛集 and 雄安 recommend on their own (000 第二条). */
const HEBEI: Place[] = [
  { unitCode: '130100', short: '石家庄', weight: 16, counties: ['130102', '130104', '130105', '130108', '130109', '130110', '130111', '130123', '130183', '130184'] },
  { unitCode: '130200', short: '唐山', weight: 14, counties: ['130202', '130203', '130204', '130205', '130207', '130208', '130209', '130281', '130283'] },
  { unitCode: '130600', short: '保定', weight: 12, counties: ['130602', '130606', '130607', '130608', '130609', '130681', '130683', '130684'] },
  { unitCode: '130400', short: '邯郸', weight: 9, counties: ['130402', '130403', '130404', '130406', '130407', '130408', '130481'] },
  { unitCode: '130900', short: '沧州', weight: 9, counties: ['130902', '130903', '130981', '130982', '130983', '130984'] },
  { unitCode: '131000', short: '廊坊', weight: 8, counties: ['131002', '131003', '131081', '131082'] },
  { unitCode: '130500', short: '邢台', weight: 7, counties: ['130502', '130503', '130505', '130506', '130581', '130582'] },
  { unitCode: '131100', short: '衡水', weight: 5, counties: ['131102', '131103', '131182'] },
  { unitCode: '130300', short: '秦皇岛', weight: 4, counties: ['130302', '130303', '130304', '130306'] },
  { unitCode: '130700', short: '张家口', weight: 3, counties: ['130702', '130703', '130705', '130706', '130708', '130709'] },
  { unitCode: '130800', short: '承德', weight: 3, counties: ['130802', '130803', '130804', '130881'] },
  { unitCode: '130682', short: '定州', weight: 2, counties: ['130682'] },
  { unitCode: '130181', short: '辛集', weight: 2, counties: ['130181'] },
  { unitCode: 'XIONGAN', short: '雄安', weight: 2, counties: ['130638', '130629', '130632'] },
];

const SHANDONG: Place[] = [
  { unitCode: '370200', short: '青岛', weight: 16, counties: ['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281'] },
  { unitCode: '370100', short: '济南', weight: 14, counties: ['370102', '370103', '370104', '370105', '370112', '370113', '370114'] },
  { unitCode: '370600', short: '烟台', weight: 10, counties: ['370602', '370611', '370612', '370613', '370681'] },
  { unitCode: '370700', short: '潍坊', weight: 10, counties: ['370702', '370703', '370705', '370781', '370783', '370785'] },
  { unitCode: '370300', short: '淄博', weight: 8, counties: ['370302', '370303', '370304', '370305'] },
  { unitCode: '370800', short: '济宁', weight: 6, counties: ['370811', '370812', '370881', '370883'] },
  { unitCode: '371300', short: '临沂', weight: 6, counties: ['371302', '371311', '371312'] },
  { unitCode: '371000', short: '威海', weight: 5, counties: ['371002', '371003', '371082'] },
  { unitCode: '370500', short: '东营', weight: 5, counties: ['370502', '370503', '370505'] },
  { unitCode: '371600', short: '滨州', weight: 4, counties: ['371602', '371603', '371681'] },
  { unitCode: '370900', short: '泰安', weight: 4, counties: ['370902', '370911', '370983'] },
  { unitCode: '371400', short: '德州', weight: 4, counties: ['371402', '371403', '371481'] },
  { unitCode: '371500', short: '聊城', weight: 3, counties: ['371502', '371503', '371581'] },
  { unitCode: '371700', short: '菏泽', weight: 3, counties: ['371702', '371703'] },
  { unitCode: '370400', short: '枣庄', weight: 3, counties: ['370402', '370403', '370481'] },
  { unitCode: '371100', short: '日照', weight: 3, counties: ['371102', '371103'] },
];

const HUBEI: Place[] = [
  { unitCode: '420100', short: '武汉', weight: 30, counties: ['420102', '420103', '420104', '420105', '420106', '420111', '420112', '420113', '420114', '420115', '420116', '420117'] },
  { unitCode: '420600', short: '襄阳', weight: 10, counties: ['420602', '420606', '420607', '420683'] },
  { unitCode: '420500', short: '宜昌', weight: 10, counties: ['420502', '420503', '420505', '420506', '420581'] },
  { unitCode: '420300', short: '十堰', weight: 6, counties: ['420302', '420303', '420304'] },
  { unitCode: '421000', short: '荆州', weight: 5, counties: ['421002', '421003', '421087'] },
  { unitCode: '420800', short: '荆门', weight: 5, counties: ['420802', '420804', '420881'] },
  { unitCode: '420200', short: '黄石', weight: 5, counties: ['420202', '420203', '420205', '420281'] },
  { unitCode: '420900', short: '孝感', weight: 5, counties: ['420902', '420981', '420982', '420984'] },
  { unitCode: '421100', short: '黄冈', weight: 4, counties: ['421102', '421181', '421182'] },
  { unitCode: '420700', short: '鄂州', weight: 3, counties: ['420702', '420703', '420704'] },
  { unitCode: '421200', short: '咸宁', weight: 3, counties: ['421202', '421281'] },
  { unitCode: '421300', short: '随州', weight: 3, counties: ['421303', '421381'] },
  { unitCode: '422800', short: '恩施', weight: 2, counties: ['422801', '422802'] },
  { unitCode: '429004', short: '仙桃', weight: 2, counties: ['429004'] },
  { unitCode: '429005', short: '潜江', weight: 2, counties: ['429005'] },
  { unitCode: '429006', short: '天门', weight: 2, counties: ['429006'] },
];

export const PLACES: Record<string, readonly Place[]> = { '130000': HEBEI, '370000': SHANDONG, '420000': HUBEI };

/** A GB/T 4754-2017 class, the word a company of that trade carries in its name, and what its projects are about. */
export interface Industry {
  code: string;
  trade: string;
  product: string;
}

/** Manufacturing classes (section C) and, for the programs that admit them, software (I65). */
export const INDUSTRIES: readonly Industry[] = [
  { code: 'C3421', trade: '精密机床', product: '数控机床' },
  { code: 'C3441', trade: '泵业', product: '工业泵' },
  { code: 'C3511', trade: '矿山机械', product: '矿山装备' },
  { code: 'C3572', trade: '农业装备', product: '农机装备' },
  { code: 'C3670', trade: '汽车零部件', product: '汽车零部件' },
  { code: 'C3711', trade: '轨道交通装备', product: '轨道交通装备' },
  { code: 'C3821', trade: '电气', product: '变压器' },
  { code: 'C3841', trade: '新能源', product: '锂离子电池' },
  { code: 'C3911', trade: '电子', product: '计算机整机' },
  { code: 'C3974', trade: '光电', product: '显示器件' },
  { code: 'C4011', trade: '自动化', product: '工业控制系统' },
  { code: 'C3120', trade: '钢铁', product: '钢材' },
  { code: 'C3130', trade: '特钢', product: '特种钢材' },
  { code: 'C3311', trade: '钢结构', product: '钢结构件' },
  { code: 'C3011', trade: '建材', product: '水泥' },
  { code: 'C2614', trade: '化工', product: '化工原料' },
  { code: 'C2710', trade: '制药', product: '原料药' },
  { code: 'C2927', trade: '塑业', product: '塑料制品' },
  { code: 'C1713', trade: '纺织', product: '印染面料' },
  { code: 'C1810', trade: '服饰', product: '服装' },
  { code: 'C1391', trade: '食品', product: '食品' },
  { code: 'C3985', trade: '电子材料', product: '电子专用材料' },
  { code: 'I6513', trade: '软件', product: '工业软件' },
];

const BRAND_CHARS = '华恒瑞信诚德泰丰盛宏远鑫金通达新科创智联佳安隆昌兴海天长正中合嘉润博宇源凯弘晟永航力';
const FORMS = ['有限公司', '有限公司', '股份有限公司', '科技有限公司', '集团有限公司'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = ['建国', '志强', '海涛', '丽娜', '晓明', '红梅', '立新', '文静', '国华', '振宇', '婷', '磊', '洋', '敏', '杰', '鹏', '霞', '勇', '静', '涛', '春燕', '卫东', '雪梅', '俊峰', '宏伟', '秀英', '伟', '军', '芳', '桂兰'];

/** Project themes: what an industrial-internet project of a manufacturer builds. */
export const THEMES = [
  '基于工业互联网平台的智能工厂建设项目',
  '5G+工业互联网智能车间改造项目',
  '设备全生命周期管理平台建设项目',
  '数字化车间升级改造项目',
  '供应链协同平台建设项目',
  '产品质量追溯系统建设项目',
  '能源管控平台建设项目',
  '远程运维服务平台建设项目',
  '网络化协同研发设计平台项目',
  '个性化定制平台建设项目',
  '生产过程数字孪生系统项目',
  '工业大数据分析平台项目',
];

export const pickOne = <T>(random: Random, items: readonly T[]): T => items[nextInt(random, items.length)]!;

/** An index drawn with probability proportional to its weight. */
export function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((n, i) => n + i.weight, 0);
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items.at(-1)!;
}

/** An integer in [min, max]. */
export const between = (random: Random, min: number, max: number) => min + nextInt(random, max - min + 1);

export function personName(random: Random): string {
  return pickOne(random, [...SURNAMES]) + pickOne(random, GIVEN);
}

/** A two-character trade name (字号), e.g. 恒瑞. */
export function brand(random: Random): string {
  const a = pickOne(random, [...BRAND_CHARS]);
  let b = pickOne(random, [...BRAND_CHARS]);
  while (b === a) b = pickOne(random, [...BRAND_CHARS]);
  return a + b;
}

/** e.g. 唐山恒瑞精密机床有限公司. */
export function companyName(random: Random, place: Place, industry: Industry, brandName: string): string {
  return `${place.short}${brandName}${industry.trade}${pickOne(random, FORMS)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid unified social credit code (GB 32100): registered by the market regulator (9) as an
 * enterprise (1) in `divisionCode`, with a GB 11714 organization code (MA + six characters) whose
 * check character is right, and the check character of the whole.
 */
export function creditCode(random: Random, divisionCode: string): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += pickOne(random, [...USCC_CHARS]);
  const first17 = `91${divisionCode}${body}${organizationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
}

/** A mobile number (1 and ten digits). */
export function mobile(random: Random): string {
  return `1${pickOne(random, ['38', '39', '58', '59', '86', '87', '36', '35'])}${String(nextInt(random, 100_000_000)).padStart(8, '0')}`;
}

/** Universities and institutes an expert pool draws on, per province. */
export const EXPERT_EMPLOYERS: Record<string, readonly string[]> = {
  '130000': ['河北工业大学', '燕山大学', '河北科技大学', '石家庄铁道大学', '华北电力大学（保定）', '河北省科学院', '中国电子科技集团公司第五十四研究所'],
  '370000': ['山东大学', '中国海洋大学', '青岛大学', '山东科技大学', '齐鲁工业大学', '山东省科学院', '浪潮集团技术研究院'],
  '420000': ['华中科技大学', '武汉大学', '武汉理工大学', '湖北工业大学', '中国信息通信研究院湖北分院', '武汉邮电科学研究院'],
};

export const EXPERT_TITLES = ['教授', '研究员', '正高级工程师', '高级工程师', '副教授'];
