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
};

/** Messages for the `error` keys the contracts set on formats. */
const FORMATS: Record<string, Messages> = {
  email: { 'zh-CN': '格式不正确，例如 name@example.com', en: 'is not a valid e-mail address, e.g. name@example.com' },
  mobile: { 'zh-CN': '应为 11 位手机号码', en: 'must be an 11-digit mobile number' },
  phone: { 'zh-CN': '应为手机号码或固定电话（如 0311-12345678）', en: 'must be a mobile or landline number (e.g. 0311-12345678)' },
  totp: { 'zh-CN': '应为 6 位数字', en: 'must be 6 digits' },
  id: { 'zh-CN': '编号格式不正确', en: 'is not a valid id' },
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
    const label = LABELS[key] ?? { 'zh-CN': path || '请求', en: path || 'Request' };
    const problem = problemOf(issue);
    return { path, code: issue.code, messages: { 'zh-CN': `${label['zh-CN']}：${problem['zh-CN']}`, en: `${label.en}: ${problem.en}` } };
  });
}
