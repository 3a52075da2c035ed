/**
 * GB/T 4754-2017 国民经济行业分类 as the statistics group by it: the section (门类, a letter) and the
 * division (大类, two digits) of the applicant's declared class code, e.g. C3421 → C / 34.
 * Names: the 20 sections and the manufacturing divisions 13–43 (shared/REFERENCE.md d); the other
 * divisions are shown by their section and number.
 */
import type { Messages } from '../errors.ts';

export const SECTIONS: Record<string, Messages> = {
  A: { 'zh-CN': '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
  B: { 'zh-CN': '采矿业', en: 'Mining' },
  C: { 'zh-CN': '制造业', en: 'Manufacturing' },
  D: { 'zh-CN': '电力、热力、燃气及水生产和供应业', en: 'Electricity, heat, gas and water' },
  E: { 'zh-CN': '建筑业', en: 'Construction' },
  F: { 'zh-CN': '批发和零售业', en: 'Wholesale and retail' },
  G: { 'zh-CN': '交通运输、仓储和邮政业', en: 'Transport, storage and post' },
  H: { 'zh-CN': '住宿和餐饮业', en: 'Accommodation and catering' },
  I: { 'zh-CN': '信息传输、软件和信息技术服务业', en: 'Information transmission, software and IT services' },
  J: { 'zh-CN': '金融业', en: 'Finance' },
  K: { 'zh-CN': '房地产业', en: 'Real estate' },
  L: { 'zh-CN': '租赁和商务服务业', en: 'Leasing and business services' },
  M: { 'zh-CN': '科学研究和技术服务业', en: 'Scientific research and technical services' },
  N: { 'zh-CN': '水利、环境和公共设施管理业', en: 'Water, environment and public facilities' },
  O: { 'zh-CN': '居民服务、修理和其他服务业', en: 'Resident, repair and other services' },
  P: { 'zh-CN': '教育', en: 'Education' },
  Q: { 'zh-CN': '卫生和社会工作', en: 'Health and social work' },
  R: { 'zh-CN': '文化、体育和娱乐业', en: 'Culture, sports and entertainment' },
  S: { 'zh-CN': '公共管理、社会保障和社会组织', en: 'Public administration, social security and social organizations' },
  T: { 'zh-CN': '国际组织', en: 'International organizations' },
};

const MANUFACTURING: Record<string, string> = {
  '13': '农副食品加工业',
  '14': '食品制造业',
  '15': '酒、饮料和精制茶制造业',
  '16': '烟草制品业',
  '17': '纺织业',
  '18': '纺织服装、服饰业',
  '19': '皮革、毛皮、羽毛及其制品和制鞋业',
  '20': '木材加工和木、竹、藤、棕、草制品业',
  '21': '家具制造业',
  '22': '造纸和纸制品业',
  '23': '印刷和记录媒介复制业',
  '24': '文教、工美、体育和娱乐用品制造业',
  '25': '石油、煤炭及其他燃料加工业',
  '26': '化学原料和化学制品制造业',
  '27': '医药制造业',
  '28': '化学纤维制造业',
  '29': '橡胶和塑料制品业',
  '30': '非金属矿物制品业',
  '31': '黑色金属冶炼和压延加工业',
  '32': '有色金属冶炼和压延加工业',
  '33': '金属制品业',
  '34': '通用设备制造业',
  '35': '专用设备制造业',
  '36': '汽车制造业',
  '37': '铁路、船舶、航空航天和其他运输设备制造业',
  '38': '电气机械和器材制造业',
  '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业',
  '41': '其他制造业',
  '42': '废弃资源综合利用业',
  '43': '金属制品、机械和设备修理业',
};

/** The section letter and two-digit division of a class code, or nulls when the code is missing or malformed. */
export function industryOf(code: string | null | undefined): { section: string | null; division: string | null } {
  const m = /^([A-T])(\d{2})?/.exec((code ?? '').trim().toUpperCase());
  return { section: m?.[1] ?? null, division: m?.[2] ?? null };
}

export function sectionName(section: string | null): Messages {
  if (!section) return { 'zh-CN': '未填行业', en: 'Industry not given' };
  return SECTIONS[section] ?? { 'zh-CN': section, en: section };
}

/** "34 通用设备制造业", or "I 64" where the division's name is not in the table. */
export function divisionName(section: string | null, division: string | null): Messages {
  if (!section) return sectionName(null);
  if (!division) return { 'zh-CN': `${section}（未细分）`, en: `${section} (no division)` };
  const zh = section === 'C' ? MANUFACTURING[division] : undefined;
  return zh ? { 'zh-CN': `${division} ${zh}`, en: `${division} ${zh}` } : { 'zh-CN': `${section} ${division}`, en: `${section} ${division}` };
}

/** An industry filter as typed: a section letter optionally followed by up to four digits (C, C34, C3421). */
export const INDUSTRY_PREFIX = /^[A-T]\d{0,4}$/;
