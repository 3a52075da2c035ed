/**
 * The single API client. Every request to /api goes through here: it sends cookies, speaks JSON,
 * attaches the CSRF token to state-changing requests, turns RFC 9457 problems into ApiError, and
 * (in presentError) is the one place that decides how loudly each failure is shown.
 */
import type { App, FormInstance } from 'antd';
import type { Problem } from '../../../contracts/common.ts';
import type { SessionInfo } from '../../../contracts/auth.ts';
import { currentLanguage, i18n } from '../i18n.ts';
import { fieldName } from '../lib/field-path.ts';

/** A problem+json answer from the API. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem & Record<string, unknown>;
  /**
   * The request checked credentials (sign-in, second factor, current password): a 401 there means
   * "wrong password or code", not "your session has ended".
   */
  readonly credentialCheck: boolean;

  constructor(problem: Problem & Record<string, unknown>, credentialCheck: boolean) {
    super(problem.messages.en || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.credentialCheck = credentialCheck;
  }

  get code(): string {
    return this.problem.code;
  }

  /** The message in the user's language. */
  get localMessage(): string {
    return this.problem.messages[currentLanguage()] || this.problem.detail || this.problem.title;
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Raw bytes instead of a JSON body (a chunk of an upload), sent as application/octet-stream. */
  bytes?: Blob;
  /** See ApiError.credentialCheck. */
  credentialCheck?: boolean;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let csrfToken: string | null = null;
const sessionListeners = new Set<(session: SessionInfo) => void>();

/** Be told of every SessionInfo the server returns (sign-in, second factor, sign-out, …). */
export function onSession(listener: (session: SessionInfo) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function isSessionInfo(value: unknown): value is SessionInfo {
  return typeof value === 'object' && value !== null && 'csrfToken' in value && 'authenticated' in value && 'stage' in value;
}

function noteSession(session: SessionInfo): void {
  csrfToken = session.csrfToken;
  for (const listener of sessionListeners) listener(session);
}

function urlOf(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A problem for answers that are not problem+json (a proxy's 502 page, a dropped connection). */
function syntheticProblem(status: number, requestId: string | null): Problem {
  const key = status >= 500 ? 'errors.server' : 'errors.unexpected';
  return {
    type: 'about:blank',
    title: `HTTP ${status}`,
    status,
    detail: '',
    code: `http_${status}`,
    messages: { 'zh-CN': i18n.t(key, { lng: 'zh-CN' }), en: i18n.t(key, { lng: 'en' }) },
    requestId: requestId ?? '',
  };
}

async function problemOf(response: Response): Promise<Problem & Record<string, unknown>> {
  const requestId = response.headers.get('x-request-id');
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'code' in body && 'messages' in body) {
      return { ...(body as Problem), status: response.status };
    }
  } catch {
    // not JSON
  }
  return syntheticProblem(response.status, requestId);
}

async function send<T>(method: Method, path: string, options: RequestOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.bytes !== undefined) headers['content-type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken === null) await fetchSession();
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.bytes !== undefined ? options.bytes : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json();
    if (isSessionInfo(data)) noteSession(data);
    return data as T;
  }
  const problem = await problemOf(response);
  // The token rotates with the session (e.g. after sign-in elsewhere in another tab): fetch it and try once more.
  if (response.status === 403 && /csrf/i.test(problem.code) && !retried) {
    await fetchSession();
    return send<T>(method, path, options, true);
  }
  throw new ApiError(problem, options.credentialCheck ?? false);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => send<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => send<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown, signal?: AbortSignal) => send<T>('PUT', path, { body, signal }),
  delete: <T>(path: string) => send<T>('DELETE', path, {}),
  /** PUT raw bytes (one chunk of a resumable upload). */
  putBytes: <T>(path: string, query: Query, bytes: Blob, signal?: AbortSignal) => send<T>('PUT', path, { query, bytes, signal }),
};

/** The file name a response names in Content-Disposition (RFC 6266, filename* first), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

/**
 * Downloads a file the API serves (a generated document, an attachment) and hands it to the browser
 * under the server's name. A refusal (e.g. 503 pdf_unavailable) arrives as an ApiError to show,
 * instead of the browser opening a page of JSON.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) throw new ApiError(await problemOf(response), false);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GET /api/auth/session, keeping its CSRF token for the requests that follow. */
export function fetchSession(): Promise<SessionInfo> {
  return send<SessionInfo>('GET', '/api/auth/session', {});
}

// ---------------------------------------------------------------------------------------------
// How loudly to show a failure. The UI binds antd's message/notification and the router here once.

type Feedback = Pick<ReturnType<typeof App.useApp>, 'message' | 'notification'>;
let feedback: Feedback | null = null;
let navigate: ((to: string, options?: { replace?: boolean; state?: unknown }) => void) | null = null;
let sessionEnded: (() => void) | null = null;

export function bindFeedback(value: Feedback): void {
  feedback = value;
}
export function bindNavigate(value: (to: string, options?: { replace?: boolean; state?: unknown }) => void): void {
  navigate = value;
}
/** What to do when the server says the session is gone (refetch it, so the route guards react). */
export function bindSessionEnded(value: () => void): void {
  sessionEnded = value;
}

/**
 * Put the server's field errors on the form's fields (values stay as typed). Returns the errors
 * that match no field of the form, for the caller to show another way.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError): string[] {
  const language = currentLanguage();
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  const onFields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: string[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    // The field itself, else the nearest field containing it (a list's item blames the list).
    let name = fieldName(fieldError.path);
    while (name.length > 1 && !registered.has(JSON.stringify(name))) name = name.slice(0, -1);
    const key = JSON.stringify(name);
    const text = fieldError.messages[language];
    if (name.length > 0 && registered.has(key)) {
      const entry = onFields.get(key) ?? { name, errors: [] };
      entry.errors.push(text);
      onFields.set(key, entry);
    } else {
      unmatched.push(text);
    }
  }
  const fields = [...onFields.values()];
  if (fields.length > 0) {
    form.setFields(fields);
    const first = fields[0];
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  }
  return unmatched;
}

export interface PresentOptions {
  /** Where it happened: a screen's data (shown in place by the screen) or an action the user took. */
  surface: 'query' | 'action';
  /** The form the action came from: field errors go onto its fields. */
  form?: FormInstance;
  /** Problem codes the screen shows itself (e.g. the sign-in page shows a locked account inline). */
  handled?: readonly string[];
  /** Data that is not the screen's own (a picker's options): a 403 there does not replace the screen. */
  secondary?: boolean;
}

function currentUrl(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * The one place that decides how loudly a failure is shown:
 * - 401 (session ended) → back to sign-in, keeping the page the user was on;
 * - 403 on a screen's data → the 403 page; on an action → a notification (the form keeps its input);
 * - field errors → onto the form's fields;
 * - anything else on an action → a message in the current language (server errors name the request id);
 * - failures of a screen's data are otherwise shown by the screen itself (Result with retry).
 */
export function presentError(error: unknown, options: PresentOptions): void {
  const t = i18n.t;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  if (error instanceof NetworkError) {
    if (options.surface === 'action') feedback?.message.error(t('errors.network'));
    return;
  }
  if (!(error instanceof ApiError)) {
    if (options.surface === 'action') feedback?.message.error(t('errors.unexpected'));
    console.error(error);
    return;
  }
  if (options.handled?.includes(error.code)) return;

  if (error.status === 401 && !error.credentialCheck) {
    const here = currentUrl();
    sessionEnded?.();
    if (!window.location.pathname.startsWith('/login')) {
      feedback?.message.warning({ content: t('errors.sessionEnded'), key: 'session-ended' });
      navigate?.(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    }
    return;
  }
  if (options.surface === 'query') {
    if (error.status === 403 && !options.secondary) navigate?.('/403', { replace: true, state: { from: currentUrl() } });
    return; // the screen shows the rest in place
  }

  // An action the user took.
  if (options.form && error.problem.errors && error.problem.errors.length > 0) {
    // The fields say what is wrong; only errors no field can show need a message of their own.
    const unmatched = applyFieldErrors(options.form, error);
    if (unmatched.length > 0) feedback?.message.error({ content: unmatched.join('；'), key: 'form-error' });
    return;
  }
  if (error.status >= 500) {
    feedback?.notification.error({
      title: t('errors.serverTitle'),
      description: error.problem.requestId ? t('errors.serverWithId', { requestId: error.problem.requestId }) : error.localMessage,
      duration: 0,
    });
    return;
  }
  if (error.status === 403) {
    feedback?.notification.warning({ title: t('errors.forbiddenTitle'), description: error.localMessage });
    return;
  }
  if (error.status === 429) {
    feedback?.message.warning({ content: error.localMessage || t('errors.rateLimited'), key: 'rate-limited' });
    return;
  }
  feedback?.message.error({ content: error.localMessage, key: `error-${error.code}` });
}

/** What a refusal says in detail: its field errors' messages when it has some (they name the problem), else its message. */
export function detailText(error: unknown): string {
  if (error instanceof ApiError && error.problem.errors && error.problem.errors.length > 0) {
    const language = currentLanguage();
    return error.problem.errors.map((e) => e.messages[language]).join('；');
  }
  return errorText(error);
}

/** The message to show in place for a failed screen (Result subtitle). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.localMessage;
  if (error instanceof NetworkError) return i18n.t('errors.network');
  return i18n.t('errors.unexpected');
}
