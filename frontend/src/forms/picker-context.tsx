import type { ExpressionContext } from '@hookflow/shared';
import { createContext, useContext } from 'react';

/** A field (or a whole step output) picked in the data picker. */
export interface PickedData {
  /** JSONata path, e.g. `steps.n2.body.total`. */
  expression: string;
  /** Its sample value: JSON fields insert it so that its type is kept. */
  value: unknown;
}

/** The expression field that last had focus: the data picker inserts into it. */
export interface InsertTarget {
  label: string;
  insert: (picked: PickedData) => void;
}

export interface PickerContextValue {
  /** What the preview of `{{ }}` values evaluates against. */
  sample: ExpressionContext | null;
  setTarget: (target: InsertTarget) => void;
  /** Team credentials for the credential picker; null where there is no team (tests, credential forms). */
  teamId: string | null;
}

export const PickerContext = createContext<PickerContextValue>({
  sample: null,
  setTarget: () => undefined,
  teamId: null,
});

export const usePicker = () => useContext(PickerContext);
