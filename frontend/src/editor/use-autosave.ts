import { validateFlowDefinition, type FlowDefinition } from '@hookflow/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { flowsApi } from '../api/endpoints';
import type { FlowStore } from './flow-store';

export const AUTOSAVE_DELAY_MS = 800;
const VALIDATE_DELAY_MS = 250;

export type SaveState =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'error'; error: ApiError };

/**
 * Saves the draft a moment after the last edit (PATCH with the whole definition) and keeps the
 * issue badges current: validated locally while typing, replaced by the server's answer on save.
 * `flush` saves now; publish and run call it so they act on what is on screen.
 */
export function useAutosave(teamId: string, flowId: string, store: FlowStore) {
  const [status, setStatus] = useState<SaveState>({ state: 'saved' });
  const saved = useRef<FlowDefinition>(store.getState().definition);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const definition = store.getState().definition;
    if (definition === saved.current) return;
    setStatus({ state: 'saving' });
    const request = flowsApi
      .saveDefinition(teamId, flowId, definition)
      .then((flow) => {
        saved.current = definition;
        if (store.getState().definition === definition)
          store.getState().setIssues(flow.issues ?? []);
        setStatus(
          store.getState().definition === definition ? { state: 'saved' } : { state: 'pending' },
        );
      })
      .catch((error: unknown) => {
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError({ statusCode: 0, error: 'Error', message: String(error) });
        if (apiError.issues) store.getState().setIssues(apiError.issues);
        setStatus({ state: 'error', error: apiError });
        throw apiError;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request.catch(() => undefined);
    await request;
  }, [teamId, flowId, store]);

  useEffect(() => {
    let validateTimer: ReturnType<typeof setTimeout> | undefined;
    const validate = () => {
      const result = validateFlowDefinition(store.getState().definition);
      store.getState().setIssues(result.ok ? [] : result.issues);
    };
    validate();
    const unsubscribe = store.subscribe((state, previous) => {
      const edited = state.definition !== previous.definition;
      if (edited) {
        clearTimeout(validateTimer);
        validateTimer = setTimeout(validate, VALIDATE_DELAY_MS);
      }
      // Moves during a drag are saved once it ends.
      if (state.dragging || (!edited && state.dragging === previous.dragging)) return;
      if (state.definition === saved.current) return;
      setStatus({ state: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(validateTimer);
      clearTimeout(timer.current);
      // Leaving the page must not drop the last edits.
      if (store.getState().definition !== saved.current) void save().catch(() => undefined);
    };
  }, [store, save]);

  return { status, flush: save };
}
