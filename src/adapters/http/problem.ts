/** The one place where errors become HTTP responses: RFC 9457 problem details in both languages. */
import { z } from 'zod';
import { DomainError, type ErrorKind, type FieldError, type Messages } from '../../core/errors.ts';
import { fieldErrorsOf } from './validation.ts';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  deadline_passed: 409,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  messages: Messages;
  errors?: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

function body(status: number, code: string, messages: Messages, requestId: string, language: 'zh-CN' | 'en', errors?: FieldError[], extra: Record<string, unknown> = {}): ProblemBody {
  return {
    type: `/problems/${code}`,
    title: messages.en,
    status,
    detail: messages[language],
    code,
    messages,
    ...(errors && errors.length ? { errors } : {}),
    requestId,
    ...extra,
  };
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Messages,
  ) {
    super(messages.en);
  }
}

/** Maps any thrown value to a problem; unknown errors become a generic 500 (logged by the caller). */
/** The database or the object store is down or restarting (connection errors, admin shutdown), not a bug. */
function unavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown; status?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code)) return true;
  if (typeof e.message === 'string' && /Connection terminated|not queryable|timeout exceeded when trying to connect/.test(e.message)) return true;
  return e.name === 'ObjectStorageError' && (e.status === null || e.status === undefined || (typeof e.status === 'number' && e.status >= 500));
}

export function toProblem(err: unknown, requestId: string, language: 'zh-CN' | 'en'): { problem: ProblemBody; unexpected: boolean } {
  if (err instanceof DomainError) {
    return { problem: body(STATUS[err.kind], err.code, err.messages, requestId, language, err.fields, err.extra), unexpected: false };
  }
  if (err instanceof z.ZodError) {
    const messages = { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' };
    return { problem: body(400, 'validation_failed', messages, requestId, language, fieldErrorsOf(err)), unexpected: false };
  }
  if (err instanceof HttpProblem) {
    return { problem: body(err.status, err.code, err.messages, requestId, language), unexpected: false };
  }
  // PostgreSQL unique violation: two requests raced for the same unique value.
  if (typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505') {
    const messages = { 'zh-CN': '该记录已存在（可能刚被他人提交），请刷新后再试', en: 'This record already exists (perhaps just submitted by someone else); reload and try again' };
    return { problem: body(409, 'duplicate', messages, requestId, language), unexpected: false };
  }
  if (unavailable(err)) {
    const messages = { 'zh-CN': '数据库或文件存储暂时不可用，请稍后再试（已填写的内容不会丢失）', en: 'The database or the file store is briefly unavailable; try again shortly (nothing you entered is lost)' };
    return { problem: body(503, 'unavailable', messages, requestId, language), unexpected: false };
  }
  const messages = { 'zh-CN': '服务器出错了，请稍后再试；如仍有问题请把请求编号告诉管理员', en: 'Something went wrong on the server; try again later, and give the request id to an administrator if it persists' };
  return { problem: body(500, 'internal_error', messages, requestId, language), unexpected: true };
}
