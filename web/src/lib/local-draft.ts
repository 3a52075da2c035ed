/**
 * An unsaved copy of an application's form in the browser (localStorage), so nothing typed is lost
 * when a save fails, times out, or the page is closed before the autosave ran. Each copy is keyed by
 * the application and the server revision it was typed on top of; a successful save drops the copies
 * it made obsolete. On opening, the newest copy is offered back when it is newer than the server's
 * and says something else.
 */

export interface LocalCopy {
  applicationId: string;
  /** The server revision the edits were made on. */
  revision: number;
  /** When it was last typed (ISO). */
  changedAt: string;
  formData: Record<string, Record<string, unknown>>;
}

const PREFIX = 'ii.draft.';

export function copyKey(applicationId: string, revision: number): string {
  return `${PREFIX}${applicationId}@${revision}`;
}

/** The application id and revision of a storage key, or null for someone else's key. */
export function parseCopyKey(key: string): { applicationId: string; revision: number } | null {
  const m = /^ii\.draft\.(\d+)@(\d+)$/.exec(key);
  return m ? { applicationId: m[1]!, revision: Number(m[2]) } : null;
}

/** A stable text of a value (object keys sorted, empty values dropped) to compare form data. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'null';
}
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalize((value as Record<string, unknown>)[key]);
      if (v === undefined || v === null || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) continue;
      out[key] = v;
    }
    return out;
  }
  return value;
}

export function sameFormData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The copy to offer back: the newest one of this application that was typed after the server copy
 * was last saved and differs from it. (An older copy was saved already, or lost to a later save the
 * user has seen.)
 */
export function restorable(copies: readonly LocalCopy[], server: { id: string; updatedAt: string; formData: unknown }): LocalCopy | null {
  const serverTime = Date.parse(server.updatedAt);
  const newest = copies
    .filter((c) => c.applicationId === server.id)
    .sort((a, b) => Date.parse(b.changedAt) - Date.parse(a.changedAt))[0];
  if (!newest) return null;
  if (Number.isFinite(serverTime) && Date.parse(newest.changedAt) <= serverTime) return null;
  return sameFormData(newest.formData, server.formData) ? null : newest;
}

/** The keys a save that produced `savedRevision` made obsolete (copies typed on an earlier revision). */
export function obsoleteKeys(keys: readonly string[], applicationId: string, savedRevision: number): string[] {
  return keys.filter((key) => {
    const parsed = parseCopyKey(key);
    return parsed !== null && parsed.applicationId === applicationId && parsed.revision < savedRevision;
  });
}

/** The storage (window.localStorage in the app); every call survives a full or missing storage. */
export interface KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function keysOf(store: KeyValueStore): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

export function saveCopy(copy: LocalCopy, store: KeyValueStore | null = browserStore()): void {
  try {
    store?.setItem(copyKey(copy.applicationId, copy.revision), JSON.stringify(copy));
  } catch {
    // storage full or disabled: the autosave is the only copy
  }
}

export function readCopies(applicationId: string, store: KeyValueStore | null = browserStore()): LocalCopy[] {
  if (!store) return [];
  const copies: LocalCopy[] = [];
  for (const key of keysOf(store)) {
    const parsed = parseCopyKey(key);
    if (!parsed || parsed.applicationId !== applicationId) continue;
    try {
      const value = JSON.parse(store.getItem(key) ?? 'null') as LocalCopy | null;
      if (value && typeof value.changedAt === 'string' && value.formData && typeof value.formData === 'object') copies.push({ ...value, applicationId, revision: parsed.revision });
    } catch {
      // a damaged copy is no copy
    }
  }
  return copies;
}

/** Drops the copies a save made obsolete. */
export function pruneCopies(applicationId: string, savedRevision: number, store: KeyValueStore | null = browserStore()): void {
  if (!store) return;
  for (const key of obsoleteKeys(keysOf(store), applicationId, savedRevision)) {
    try {
      store.removeItem(key);
    } catch {
      // nothing to do
    }
  }
}

/** Drops every copy of the application (restored or declined by the user). */
export function dropCopies(applicationId: string, store: KeyValueStore | null = browserStore()): void {
  pruneCopies(applicationId, Number.MAX_SAFE_INTEGER, store);
}
