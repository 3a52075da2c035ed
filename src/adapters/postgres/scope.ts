/** The access policy's scope as an SQL condition: the one translation every repository list uses. */
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';

/**
 * `path` is the owning organization's path column (ids from the root), `organizationId` the column
 * naming the owning organization itself, e.g. `scopeCondition(scope, sql.ref('o.path'), sql.ref('o.id'))`.
 */
export function scopeCondition(scope: Scope, path: RawBuilder<unknown>, organizationId: RawBuilder<unknown>): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'subtree':
      return sql<boolean>`${path} @> array[${scope.rootId}]::bigint[]`;
    case 'own':
      return sql<boolean>`${organizationId} = ${scope.organizationId}`;
  }
}
