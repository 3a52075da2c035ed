/**
 * The program designer's model: a draft definition is edited as an immutable value (every tab gets
 * the definition and an `update(recipe)`), then saved whole. These helpers are pure, so they are
 * unit-tested without a browser (model.test.ts). The format itself is src/core/programs/definition.ts.
 */
import type { Direction, ProgramDefinitionInput } from '../../../../src/core/programs/definition.ts';

/**
 * A definition as the designer holds it. A draft may not yet be valid, so every list is read with a
 * default; keys this screen does not know (a newer format's) are carried through untouched.
 */
export type Definition = ProgramDefinitionInput & Record<string, unknown>;
export type Update = (recipe: (definition: Definition) => Definition) => void;

export type Path = readonly (string | number)[];

/** A copy of `value` with the value at `path` replaced (or removed when `next` is undefined). */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: unknown = value;
  if (Array.isArray(container)) {
    const copy = [...container];
    const index = Number(head);
    if (rest.length === 0 && next === undefined) copy.splice(index, 1);
    else copy[index] = setIn(copy[index], rest, next);
    return copy as T;
  }
  const record = container && typeof container === 'object' ? { ...(container as Record<string, unknown>) } : {};
  const key = String(head);
  if (rest.length === 0 && next === undefined) delete record[key];
  else record[key] = setIn(record[key], rest, next);
  return record as T;
}

/** The value at `path`, or undefined. */
export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[String(key)] : undefined), value);
}

/** Deep equality of JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** An optional number typed into a box: empty clears it. */
export const optionalNumber = (value: number | null | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

// ---------------------------------------------------------------------------------------------
// The direction tree. A node is addressed by its indices from the top (e.g. [1, 0] is 2.1).

export type TreePath = readonly number[];

export function directionAt(tree: readonly Direction[], path: TreePath): Direction | undefined {
  let nodes: readonly Direction[] | undefined = tree;
  let node: Direction | undefined;
  for (const index of path) {
    node = nodes?.[index];
    nodes = node?.children;
  }
  return node;
}

function mapAt(tree: readonly Direction[], path: TreePath, change: (siblings: Direction[], index: number) => Direction[]): Direction[] {
  const [index, ...rest] = path;
  if (index === undefined) return [...tree];
  if (rest.length === 0) return change([...tree], index);
  return tree.map((node, i) => (i === index ? { ...node, children: mapAt(node.children ?? [], rest, change) } : node));
}

/** Adds `node` as the last child of the node at `parent` (or at the top level for []). */
export function addDirection(tree: readonly Direction[], parent: TreePath, node: Direction): Direction[] {
  if (parent.length === 0) return [...tree, node];
  return mapAt(tree, parent, (siblings, index) =>
    siblings.map((sibling, i) => (i === index ? { ...sibling, children: [...(sibling.children ?? []), node] } : sibling)),
  );
}

/** Replaces the fields of the node at `path` (its children stay). */
export function editDirection(tree: readonly Direction[], path: TreePath, fields: Omit<Direction, 'children'>): Direction[] {
  return mapAt(tree, path, (siblings, index) =>
    siblings.map((sibling, i) => {
      if (i !== index) return sibling;
      const next: Direction = { ...sibling, ...fields };
      for (const key of ['description', 'citation'] as const) if (!next[key]) delete next[key];
      return next;
    }),
  );
}

/** Removes the node at `path` with everything under it. */
export function removeDirection(tree: readonly Direction[], path: TreePath): Direction[] {
  return mapAt(tree, path, (siblings, index) => siblings.filter((_, i) => i !== index));
}

/** Every code in the tree, at any level. */
export function allDirectionCodes(tree: readonly Direction[]): string[] {
  return tree.flatMap((node) => [node.code, ...allDirectionCodes(node.children ?? [])]);
}

/**
 * A code for a new node that follows its siblings' numbering: after 2.1–2.4 comes 2.5; at the top
 * after 1–4 comes 5. Never one the tree already has.
 */
export function suggestDirectionCode(tree: readonly Direction[], parent: TreePath): string {
  const parentNode = parent.length ? directionAt(tree, parent) : undefined;
  const siblings = parent.length ? (parentNode?.children ?? []) : tree;
  const prefix = parentNode ? `${parentNode.code}.` : '';
  const taken = new Set(allDirectionCodes(tree));
  const numbers = siblings.map((s) => Number(s.code.slice(prefix.length))).filter((n) => Number.isInteger(n));
  let next = (numbers.length ? Math.max(...numbers) : 0) + 1;
  while (taken.has(`${prefix}${next}`)) next += 1;
  return `${prefix}${next}`;
}

/** The references elsewhere in the definition to these direction codes (coverage, forms). */
export function directionReferences(definition: Definition, codes: readonly string[]): string[] {
  const wanted = new Set(codes);
  const refs: string[] = [];
  for (const item of definition.coverage ?? []) {
    if ((item.implementedBy ?? []).some((ref) => ref.startsWith('direction:') && wanted.has(ref.slice('direction:'.length)))) refs.push(`coverage:${item.ref}`);
  }
  for (const form of definition.forms ?? []) {
    if ((form.appliesTo?.directions ?? []).some((code) => wanted.has(code))) refs.push(`form:${form.id}`);
  }
  return refs;
}

/** The coverage items that name this rule as implementing their article (`rule:ID`). */
export function ruleReferences(definition: Definition, ruleId: string): string[] {
  return (definition.coverage ?? []).filter((item) => (item.implementedBy ?? []).includes(`rule:${ruleId}`)).map((item) => item.ref);
}

// ---------------------------------------------------------------------------------------------
// Forms: which bounds a field's "min/max" mean depends on its type.

export type BoundKeys = readonly ['min', 'max'] | readonly ['minLength', 'maxLength'] | readonly ['minRows', 'maxRows'];

/** The bounds a field of this type has (length, rows, value or number of choices), or null for none (dates, codes, …). */
export function boundKeys(type: string): BoundKeys | null {
  if (type === 'text' || type === 'textarea') return ['minLength', 'maxLength'];
  if (type === 'table') return ['minRows', 'maxRows'];
  if (['integer', 'decimal', 'money', 'percent', 'year', 'directions', 'multiselect'].includes(type)) return ['min', 'max'];
  return null;
}

// ---------------------------------------------------------------------------------------------
// Paths: of a problem ("rules.3.expression") and of a change ("rules[it-team-size].expression").

export type Segment = { key: string } | { item: string };

/** "rules[it-team-size].expression" → [{key:'rules'}, {item:'it-team-size'}, {key:'expression'}]. */
export function changeSegments(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) segments.push(/^\d+$/.test(match[1]) ? { item: match[1] } : { key: match[1] });
    else segments.push({ item: match[2] ?? '' });
  }
  return segments;
}

export const TAB_KEYS = ['basics', 'directions', 'rules', 'forms', 'quotas', 'stages', 'money', 'try', 'diff', 'problems'] as const;
export type TabKey = (typeof TAB_KEYS)[number];

/** Which tab shows the part of the definition a path points into. */
export function tabOf(path: string): TabKey | null {
  const top = path.split(/[.[]/)[0] ?? '';
  switch (top) {
    case 'rules':
      return 'rules';
    case 'directions':
    case 'directionLevel':
      return 'directions';
    case 'forms':
      return 'forms';
    case 'quotas':
      return 'quotas';
    case 'stages':
      return 'stages';
    case 'publicNotice':
    case 'subsidy':
      return 'money';
    case 'name':
    case 'issuer':
    case 'documentNumber':
    case 'source':
    case 'effective':
    case 'perApplicant':
    case 'applicantTypes':
      return 'basics';
    default:
      return null;
  }
}

/** The index of the rule a problem path names ("rules.3.expression" → 3). */
export function ruleIndexOf(path: string): number | null {
  const match = /^rules\.(\d+)(\.|$)/.exec(path);
  return match ? Number(match[1]) : null;
}

/** A changed value as text: strings as they are, other values as compact JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, typeof value === 'object' && value !== null && JSON.stringify(value).length > 60 ? 2 : undefined);
}
