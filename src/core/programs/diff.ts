/**
 * The difference between two versions of a definition, as a list of changed paths. Lists of things
 * with an id or code (rules, directions, stages, fields) are matched by it, so a moved rule is not
 * reported as a change and a changed rule is named: `rules[it-team-size].expression`.
 */
import { canonicalJson } from '../audit-chain.ts';

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const keyOf = (v: unknown): string | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  for (const k of ['id', 'code', 'ref', 'type']) if (typeof o[k] === 'string') return o[k] as string;
  return undefined;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffDefinitions(before: unknown, after: unknown, path = ''): Change[] {
  // The database stores JSON with its keys reordered: compare content, not text.
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((v) => keyOf(v) !== undefined);
    if (keyed) {
      const b = new Map(before.map((v) => [keyOf(v)!, v]));
      const a = new Map(after.map((v) => [keyOf(v)!, v]));
      const keys = [...new Set([...b.keys(), ...a.keys()])];
      return keys.flatMap((k) => diffDefinitions(b.get(k), a.get(k), `${path}[${k}]`));
    }
    return [{ path, kind: 'changed', before, after }];
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffDefinitions(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path, kind: 'changed', before, after }];
}
