/**
 * Expected failures of the domain. Each carries a stable code, a message in zh-CN and English,
 * and (for input problems) the path of the field at fault. Mapped to HTTP in exactly one place
 * (src/adapters/http/problem.ts); nothing in the core knows about status codes.
 */
export type Messages = { 'zh-CN': string; en: string };

export type ErrorKind =
  | 'validation' // the input is wrong; fix the named field
  | 'unauthenticated' // no valid session
  | 'forbidden' // the actor may not do this
  | 'not_found'
  | 'conflict' // the record's state or uniqueness forbids it
  | 'locked' // the account is locked out
  | 'rate_limited'
  | 'deadline_passed'
  | 'unavailable'; // a part of the platform this server lacks (e.g. the PDF converter)

export interface FieldError {
  path: string;
  code: string;
  messages: Messages;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly messages: Messages;
  readonly fields: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(kind: ErrorKind, code: string, messages: Messages, fields: FieldError[] = [], extra: Record<string, unknown> = {}) {
    super(messages.en);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.messages = messages;
    this.fields = fields;
    this.extra = extra;
  }
}

/** One field is wrong: the message reads `label: problem` in each language. */
export function fieldError(path: string, code: string, label: Messages, problem: Messages): DomainError {
  const messages = { 'zh-CN': `${label['zh-CN']}：${problem['zh-CN']}`, en: `${label.en}: ${problem.en}` };
  return new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, [
    { path, code, messages },
  ]);
}

export const forbidden = () =>
  new DomainError('forbidden', 'forbidden', { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' });

export const notFound = (what: Messages) =>
  new DomainError('not_found', 'not_found', { 'zh-CN': `${what['zh-CN']}不存在`, en: `${what.en} not found` });

export const unauthenticated = () =>
  new DomainError('unauthenticated', 'unauthenticated', { 'zh-CN': '请先登录', en: 'Please sign in' });
