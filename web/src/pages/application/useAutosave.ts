/**
 * Autosave of an application draft: 1.5 s after the last change, at once when a field loses focus,
 * and before submission. Every change is also kept in localStorage (lib/local-draft.ts) until the
 * server has it, so a failed save, a timeout or a closed tab loses nothing. A failed save is retried
 * with growing pauses; a 409 stale_revision (another tab saved) is handed to the page to resolve.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError, presentError } from '../../api/client.ts';
import { pruneCopies, saveCopy } from '../../lib/local-draft.ts';
import { saveDraft, type FormData, type SaveDraftResult } from '../applications/data.ts';
import { autosaveRetryDelay } from './model.ts';

export const DEBOUNCE_MS = 1_500;
const SAVE_TIMEOUT_MS = 20_000;

export type SaveStatus =
  | { kind: 'idle' }
  /** changed, waiting for the debounce */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** failed (network, server); retried by itself */
  | { kind: 'error'; retryAt: number }
  /** the server refused the content (shown on the fields); saved again after the next change */
  | { kind: 'invalid' }
  /** another tab or device saved meanwhile */
  | { kind: 'conflict' };

export interface AutosaveOptions {
  applicationId: string;
  revision: number;
  enabled: boolean;
  /** The form's values now. */
  read: () => FormData;
  onSaved: (result: SaveDraftResult) => void;
  /** Another save came first; `mine` is what this page has. */
  onConflict: (mine: FormData) => void;
  /** The server refused the draft's content (field errors). */
  onInvalid: (error: ApiError) => void;
}

export function useAutosave(options: AutosaveOptions) {
  const opts = useRef(options);
  opts.current = options;
  const revision = useRef(options.revision);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | null>(null);
  const failures = useRef(0);
  /** `run`, for the retry timer set inside `saveOnce` (which `run` itself calls). */
  const runRef = useRef<() => Promise<boolean>>(async () => true);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const clearTimer = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const keepLocal = useCallback(() => {
    saveCopy({ applicationId: opts.current.applicationId, revision: revision.current, changedAt: new Date().toISOString(), formData: opts.current.read() });
  }, []);

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const { applicationId, read } = opts.current;
    dirty.current = false;
    const sentRevision = revision.current;
    setStatus({ kind: 'saving' });
    try {
      const result = await saveDraft(applicationId, sentRevision, read(), AbortSignal.timeout(SAVE_TIMEOUT_MS));
      revision.current = result.revision;
      failures.current = 0;
      pruneCopies(applicationId, result.revision);
      // Typed while the save was on its way: that copy now sits on the new revision.
      if (dirty.current) keepLocal();
      setStatus(dirty.current ? { kind: 'pending' } : { kind: 'saved', at: result.savedAt });
      opts.current.onSaved(result);
      return true;
    } catch (error) {
      dirty.current = true;
      if (error instanceof ApiError && error.code === 'stale_revision') {
        setStatus({ kind: 'conflict' });
        opts.current.onConflict(read());
        return false;
      }
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        setStatus({ kind: 'invalid' });
        opts.current.onInvalid(error);
        return false;
      }
      if (error instanceof ApiError && error.status < 500 && error.status !== 408 && error.status !== 429) {
        // Refused for good (signed out, no longer editable): say so; the local copy stays.
        presentError(error, { surface: 'action' });
        setStatus({ kind: 'invalid' });
        return false;
      }
      if (!(error instanceof ApiError || error instanceof NetworkError)) console.error(error);
      failures.current += 1;
      const delay = autosaveRetryDelay(failures.current);
      setStatus({ kind: 'error', retryAt: Date.now() + delay });
      clearTimer();
      timer.current = window.setTimeout(() => void runRef.current(), delay);
      return false;
    }
  }, [keepLocal]);

  /** Saves what is unsaved (waiting for a save on its way first). True when the server has everything. */
  const run = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const save = saveOnce();
    inFlight.current = save;
    try {
      return await save;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce]);
  runRef.current = run;

  /** A value changed: keep it locally at once, save it after the debounce. */
  const changed = useCallback(() => {
    if (!opts.current.enabled) return;
    dirty.current = true;
    keepLocal();
    setStatus((s) => (s.kind === 'saving' || s.kind === 'conflict' ? s : { kind: 'pending' }));
    clearTimer();
    timer.current = window.setTimeout(() => void run(), DEBOUNCE_MS);
  }, [keepLocal, run]);

  /** Save now if anything is unsaved (a field lost focus). */
  const flush = useCallback(() => {
    if (!dirty.current || inFlight.current) return;
    clearTimer();
    void run();
  }, [run]);

  /** Before submission: everything saved, or false (the status says why). */
  const saveAll = useCallback(async (): Promise<boolean> => {
    clearTimer();
    for (let i = 0; i < 3; i += 1) {
      if (!(await run())) return false;
      if (!dirty.current) return true;
    }
    return !dirty.current;
  }, [run]);

  /** Start over from a revision the page has loaded (after a conflict). */
  const reset = useCallback((next: number, stillDirty: boolean) => {
    clearTimer();
    revision.current = next;
    failures.current = 0;
    dirty.current = stillDirty;
    setStatus(stillDirty ? { kind: 'pending' } : { kind: 'idle' });
    if (stillDirty) {
      keepLocal();
      timer.current = window.setTimeout(() => void run(), DEBOUNCE_MS);
    }
  }, [keepLocal, run]);

  // Leaving the page within the app: one last save (the local copy is there if it fails).
  useEffect(
    () => () => {
      clearTimer();
      if (dirty.current && opts.current.enabled) void run();
    },
    [run],
  );

  // Closing the tab with unsaved changes: the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return { status, changed, flush, saveAll, reset, revision: () => revision.current, isDirty: () => dirty.current };
}
