/**
 * Turns zod issues into field errors whose messages read `label: problem` in zh-CN and English
 * (STYLE.md habit 3): the same text whatever the endpoint, so tests can assert it exactly.
 */
import { z } from 'zod';
import type { FieldError, Messages } from '../../core/errors.ts';

const LABELS: Record<string, Messages> = {
  email: { 'zh-CN': '电子邮箱', en: 'E-mail' },
  password: { 'zh-CN': '密码', en: 'Password' },
  displayName: { 'zh-CN': '姓名', en: 'Name' },
  organizationName: { 'zh-CN': '单位名称', en: 'Organization name' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
  cityId: { 'zh-CN': '所在地市', en: 'City' },
  phone: { 'zh-CN': '手机号码', en: 'Mobile phone' },
  code: { 'zh-CN': '动态验证码', en: 'Authentication code' },
  currentPassword: { 'zh-CN': '当前密码', en: 'Current password' },
  newPassword: { 'zh-CN': '新密码', en: 'New password' },
  token: { 'zh-CN': '重设链接', en: 'Reset link' },
  contactName: { 'zh-CN': '联系人', en: 'Contact person' },
  contactPhone: { 'zh-CN': '联系电话', en: 'Contact phone' },
  address: { 'zh-CN': '地址', en: 'Address' },
  role: { 'zh-CN': '角色', en: 'Role' },
  organizationId: { 'zh-CN': '所属单位', en: 'Organization' },
  action: { 'zh-CN': '操作', en: 'Action' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  page: { 'zh-CN': '页码', en: 'Page' },
  pageSize: { 'zh-CN': '每页条数', en: 'Page size' },
  sort: { 'zh-CN': '排序字段', en: 'Sort field' },
  order: { 'zh-CN': '排序方向', en: 'Sort order' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  status: { 'zh-CN': '状态', en: 'Status' },
  q: { 'zh-CN': '关键词', en: 'Search text' },
  id: { 'zh-CN': '编号', en: 'Id' },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
  // The enterprise profile and the applicant's side
  name: { 'zh-CN': '单位名称', en: 'Name' },
  divisionCode: { 'zh-CN': '注册地行政区划代码', en: 'Division code of the registered address' },
  legalForm: { 'zh-CN': '单位性质', en: 'Legal form' },
  independentLegalPerson: { 'zh-CN': '独立法人', en: 'Independent legal person' },
  independentAccounting: { 'zh-CN': '独立核算', en: 'Independent accounting' },
  localStatisticsAndTax: { 'zh-CN': '在当地统计和纳税', en: 'Files statistics and pays tax locally' },
  legalRepresentative: { 'zh-CN': '法定代表人', en: 'Legal representative' },
  contacts: { 'zh-CN': '联系人', en: 'Contacts' },
  'contacts.name': { 'zh-CN': '联系人姓名', en: 'Contact name' },
  'contacts.email': { 'zh-CN': '联系人电子邮箱', en: 'Contact e-mail' },
  'contacts.mobile': { 'zh-CN': '联系人手机号码', en: 'Contact mobile' },
  'credentials.code': { 'zh-CN': '资质类型', en: 'Credential' },
  position: { 'zh-CN': '职务', en: 'Position' },
  mobile: { 'zh-CN': '手机号码', en: 'Mobile phone' },
  industryCode: { 'zh-CN': '所属行业代码', en: 'Industry code' },
  employees: { 'zh-CN': '职工人数', en: 'Employees' },
  integrationLevel: { 'zh-CN': '两化融合发展阶段', en: '两化融合 stage' },
  itTeamSize: { 'zh-CN': '信息化队伍人数', en: 'IT team size' },
  credentials: { 'zh-CN': '资质与荣誉', en: 'Credentials' },
  obtainedOn: { 'zh-CN': '取得日期', en: 'Obtained on' },
  note: { 'zh-CN': '说明', en: 'Note' },
  evidenceIds: { 'zh-CN': '证明材料', en: 'Evidence' },
  financialYear: { 'zh-CN': '财务年度', en: 'Financial year' },
  annualSalesFen: { 'zh-CN': '年销售收入', en: 'Annual sales' },
  annualProfitFen: { 'zh-CN': '年利润', en: 'Annual profit' },
  badRecords: { 'zh-CN': '不良记录', en: 'Bad records' },
  safetyAccident: { 'zh-CN': '安全生产责任事故', en: 'Safety accident' },
  lastMajorAccidentDate: { 'zh-CN': '最近一次重大事故日期', en: 'Last major accident' },
  underInvestigation: { 'zh-CN': '违法违规被调查', en: 'Under investigation' },
  goodCredit: { 'zh-CN': '信用良好', en: 'Good credit' },
  soundFinances: { 'zh-CN': '财务状况良好', en: 'Sound finances' },
  baseVersion: { 'zh-CN': '档案版本', en: 'Profile version' },
  revision: { 'zh-CN': '修订号', en: 'Revision' },
  formData: { 'zh-CN': '申报书内容', en: 'Form data' },
  signatoryName: { 'zh-CN': '承诺人姓名', en: 'Signatory' },
  accepted: { 'zh-CN': '承诺书', en: 'Commitment' },
  comment: { 'zh-CN': '意见', en: 'Comment' },
  fieldComments: { 'zh-CN': '逐项意见', en: 'Comments on fields' },
  callId: { 'zh-CN': '申报通知', en: 'Call' },
  applicationId: { 'zh-CN': '申报', en: 'Application' },
  requirementId: { 'zh-CN': '附件类型', en: 'Attachment type' },
  fileName: { 'zh-CN': '文件名', en: 'File name' },
  sizeBytes: { 'zh-CN': '文件大小', en: 'File size' },
  offset: { 'zh-CN': '分片位置', en: 'Chunk offset' },
  purpose: { 'zh-CN': '用途', en: 'Purpose' },
  programCode: { 'zh-CN': '计划', en: 'Program' },
  programVersion: { 'zh-CN': '计划版本', en: 'Program version' },
  title: { 'zh-CN': '标题', en: 'Title' },
  documentNumber: { 'zh-CN': '文号', en: 'Document number' },
  opensOn: { 'zh-CN': '开始日期', en: 'Opens on' },
  deadlineDate: { 'zh-CN': '截止日期', en: 'Deadline date' },
  deadlineTime: { 'zh-CN': '截止时间', en: 'Deadline time' },
  materials: { 'zh-CN': '申报材料要求', en: 'Materials' },
  active: { 'zh-CN': '启用状态', en: 'Active' },
  actorId: { 'zh-CN': '操作人', en: 'Actor' },
  direction: { 'zh-CN': '申报方向', en: 'Direction' },
  entityId: { 'zh-CN': '记录编号', en: 'Record' },
  entityType: { 'zh-CN': '记录类型', en: 'Record type' },
  formId: { 'zh-CN': '表单', en: 'Form' },
  industry: { 'zh-CN': '行业', en: 'Industry' },
  invoiceId: { 'zh-CN': '票据', en: 'Invoice' },
  lang: { 'zh-CN': '语言', en: 'Language' },
  leadDepartment: { 'zh-CN': '牵头单位', en: 'Lead department' },
  measure: { 'zh-CN': '统计指标', en: 'Measure' },
  month: { 'zh-CN': '月份', en: 'Month' },
  overdue: { 'zh-CN': '逾期', en: 'Overdue' },
  overdueOnly: { 'zh-CN': '仅看逾期', en: 'Overdue only' },
  parentId: { 'zh-CN': '上级单位', en: 'Parent organization' },
  plan: { 'zh-CN': '目标规划', en: 'Target plan' },
  productName: { 'zh-CN': '产品', en: 'Product' },
  provinceCode: { 'zh-CN': '省份', en: 'Province' },
  reportId: { 'zh-CN': '报告', en: 'Report' },
  state: { 'zh-CN': '申报状态', en: 'Application status' },
  table: { 'zh-CN': '统计表', en: 'Table' },
  tag: { 'zh-CN': '标签', en: 'Tag' },
  unit: { 'zh-CN': '计量单位', en: 'Unit' },
  unreadOnly: { 'zh-CN': '仅看未读', en: 'Unread only' },
  version: { 'zh-CN': '版本', en: 'Version' },
  year: { 'zh-CN': '年度', en: 'Year' },
};

/** Whether a field name has its own label in both languages (a route's query and path fields all should). */
export const hasFieldLabel = (key: string): boolean => key in LABELS;

/** Messages for the `error` keys the contracts set on formats. */
const FORMATS: Record<string, Messages> = {
  nul: { 'zh-CN': '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  email: { 'zh-CN': '格式不正确，例如 name@example.com', en: 'is not a valid e-mail address, e.g. name@example.com' },
  mobile: { 'zh-CN': '应为 11 位手机号码', en: 'must be an 11-digit mobile number' },
  phone: { 'zh-CN': '应为手机号码或固定电话（如 0311-12345678）', en: 'must be a mobile or landline number (e.g. 0311-12345678)' },
  totp: { 'zh-CN': '应为 6 位数字', en: 'must be 6 digits' },
  id: { 'zh-CN': '编号格式不正确', en: 'is not a valid id' },
  date: { 'zh-CN': '应为日期，如 2025-10-08', en: 'must be a date such as 2025-10-08' },
  time: { 'zh-CN': '应为时间，如 17:00', en: 'must be a time such as 17:00' },
  money: { 'zh-CN': '应为金额（精确到分）', en: 'must be an amount to the fen' },
  divisionCode: { 'zh-CN': '应为 6 位行政区划代码（区县级），如 130102', en: 'must be a 6-digit county-level division code such as 130102' },
  industryCode: { 'zh-CN': '应为国民经济行业代码（门类字母加 2–4 位数字），如 C3421', en: 'must be an industry code (section letter and 2–4 digits) such as C3421' },
  commitment: { 'zh-CN': '须阅读并接受承诺书', en: 'must be read and accepted' },
};

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

function problemOf(issue: z.core.$ZodIssue): Messages {
  if (FORMATS[issue.message]) return FORMATS[issue.message]!;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { 'zh-CN': '必填', en: 'is required' };
      break;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { 'zh-CN': '必填', en: 'is required' }
          : { 'zh-CN': `至少 ${issue.minimum} 个字符`, en: `must have at least ${issue.minimum} characters` };
      }
      if (issue.origin === 'number') return { 'zh-CN': `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
      break;
    case 'too_big':
      if (issue.origin === 'string') return { 'zh-CN': `不能超过 ${issue.maximum} 个字符`, en: `must have at most ${issue.maximum} characters` };
      if (issue.origin === 'number') return { 'zh-CN': `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
      break;
    case 'invalid_value':
      return { 'zh-CN': `不在可选范围内（${issue.values.join('、')}）`, en: `must be one of ${issue.values.join(', ')}` };
    case 'invalid_format':
      if (issue.format === 'date') return { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'must be a date as YYYY-MM-DD' };
      break;
    case 'unrecognized_keys':
      return { 'zh-CN': `含有不认识的字段：${issue.keys.join('、')}`, en: `has unknown fields: ${issue.keys.join(', ')}` };
  }
  const raw = issue as unknown as Parameters<typeof zhLocale>[0];
  return { 'zh-CN': String(zhLocale(raw) ?? issue.message), en: String(enLocale(raw) ?? issue.message) };
}

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const key = String(issue.path.at(-1) ?? '');
    // A field inside a list is named with its list: contacts.0.name → "contacts.name" before "name".
    const parent = issue.path
      .slice(0, -1)
      .map(String)
      .filter((x) => !/^\d+$/.test(x))
      .at(-1);
    const label = (parent && LABELS[`${parent}.${key}`]) || LABELS[key] || { 'zh-CN': path || '请求', en: path || 'Request' };
    const problem = problemOf(issue);
    return { path, code: issue.code, messages: { 'zh-CN': `${label['zh-CN']}：${problem['zh-CN']}`, en: `${label.en}: ${problem.en}` } };
  });
}

/**
 * Refuses U+0000 anywhere in a request's query or JSON body, as a field error on each string that has
 * it: PostgreSQL text cannot hold the character, so it would otherwise fail deep in a query as a 500.
 */
export function refuseNulCharacters(input: unknown): void {
  NO_NUL.parse(input);
}

const NO_NUL = z.unknown().superRefine((input, ctx) => {
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) ctx.addIssue({ code: 'custom', path, message: 'nul', input: value });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(input, []);
});
