/**
 * API tokens for reporting operating figures from a platform's own system. A token belongs to one
 * organization, is shown once when created (only its sha256 digest is stored), records when it was
 * last used, and is revoked by the organization; a revoked or unknown token is refused with 401.
 */
import { DomainError, fieldError, notFound, type Messages } from '../../core/errors.ts';
import type { Deps, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import type { ApiTokenRow } from './ports.ts';

const TOKEN: Messages = { 'zh-CN': 'API 令牌', en: 'API token' };
/** Recognisable in logs and secret scanners; the rest is 32 random bytes. */
export const TOKEN_PREFIX = 'iiop_';

const invalidToken = () =>
  new DomainError('unauthenticated', 'invalid_token', {
    'zh-CN': 'API 令牌无效或已撤销：请在“运行数据报送”页面新建令牌，并以 Authorization: Bearer <令牌> 发送',
    en: 'The API token is invalid or revoked: create a new one on the “Report operating data” page and send it as Authorization: Bearer <token>',
  });

/** The token of a request (from `Authorization: Bearer …`), checked and its use recorded; 401 otherwise. */
export async function tokenActor(deps: Deps, repos: Repositories, bearer: string | null): Promise<ApiTokenRow> {
  const token = bearer?.trim();
  if (!token || !token.startsWith(TOKEN_PREFIX)) throw invalidToken();
  const row = await repos.operations.findTokenByHash(deps.tokens.digest(token));
  if (!row || row.revokedAt) throw invalidToken();
  await repos.operations.touchToken(row.id, deps.clock.now());
  return row;
}

export async function listTokens(deps: Deps, ctx: RequestContext): Promise<ApiTokenRow[]> {
  const acting = authorize(ctx, 'operations.report');
  return deps.uow.read((repos) => repos.operations.tokens(acting.actor.organizationId));
}

/** Creates a token; the returned `token` is the only time it is ever shown. */
export async function createToken(deps: Deps, ctx: RequestContext, input: { name: string }): Promise<{ token: string; row: ApiTokenRow }> {
  const acting = authorize(ctx, 'operations.report');
  const name = input.name.trim();
  if (!name) throw fieldError('name', 'required', { 'zh-CN': '令牌名称', en: 'Token name' }, { 'zh-CN': '必填', en: 'is required' });
  return deps.uow.transaction(async (repos) => {
    const token = `${TOKEN_PREFIX}${deps.tokens.random(32)}`;
    const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
    const id = await repos.operations.insertToken({ organizationId: acting.actor.organizationId, name, hash: deps.tokens.digest(token), prefix, createdBy: acting.actor.accountId, now: deps.clock.now() });
    await recordAudit(repos, ctx, deps.clock, { action: 'operation_token.create', entityType: 'operation_api_token', entityId: id, after: { name, prefix } });
    const row = await repos.operations.findToken(id);
    if (!row) throw notFound(TOKEN);
    return { token, row };
  });
}

export async function revokeToken(deps: Deps, ctx: RequestContext, id: string): Promise<ApiTokenRow> {
  const acting = authorize(ctx, 'operations.report');
  return deps.uow.transaction(async (repos) => {
    const row = await repos.operations.findToken(id);
    // Another organization's token is "not found": its existence is none of this applicant's business.
    if (!row || row.organizationId !== acting.actor.organizationId) throw notFound(TOKEN);
    if (row.revokedAt) return row;
    await repos.operations.revokeToken(id, acting.actor.accountId, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'operation_token.revoke', entityType: 'operation_api_token', entityId: id, before: { name: row.name, prefix: row.prefix }, after: { revoked: true } });
    return (await repos.operations.findToken(id))!;
  });
}
