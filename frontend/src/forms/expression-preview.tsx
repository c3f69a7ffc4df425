import {
  collectTemplates,
  compileTemplate,
  evaluateAll,
  evaluateInProcess,
  isExpression,
  substituteTemplates,
  type ExpressionContext,
} from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { usePicker } from './picker-context';

interface Preview {
  value: unknown;
  sample: ExpressionContext;
  ok: boolean;
  text: string;
}

const hasTemplates = (value: unknown) =>
  isExpression(value) ||
  (value !== null && typeof value === 'object' && collectTemplates(value, new Set()).size > 0);

/** A template's value; in a JSON value, each string leaf's, as the engine resolves a config. */
async function evaluate(value: unknown, sample: ExpressionContext): Promise<unknown> {
  if (isExpression(value)) return compileTemplate(value)(sample);
  const templates = collectTemplates(value, new Set());
  return substituteTemplates(value, await evaluateAll(templates, evaluateInProcess(), sample));
}

/** Shows what a `{{ }}` value evaluates to against the sample data, or why it cannot. */
export function ExpressionPreview({ value }: { value: unknown }) {
  const { sample } = usePicker();
  const [result, setResult] = useState<Preview | null>(null);
  const active = sample !== null && hasTemplates(value);

  useEffect(() => {
    if (!sample || !hasTemplates(value)) return;
    let current = true;
    const show = (ok: boolean, text: string) => current && setResult({ value, sample, ok, text });
    // Compiling throws synchronously on syntax errors; evaluating rejects.
    Promise.resolve()
      .then(() => evaluate(value, sample))
      .then(
        (output) =>
          show(true, typeof output === 'string' ? output : (JSON.stringify(output) ?? 'undefined')),
        (error: unknown) => show(false, (error as Error).message),
      );
    return () => {
      current = false;
    };
  }, [value, sample]);

  // A result for an older value or sample is not shown.
  if (!active || !result || result.value !== value || result.sample !== sample) return null;
  return (
    <output className={`expression-preview${result.ok ? '' : ' expression-preview--error'}`}>
      {result.ok ? `→ ${result.text || '(empty)'}` : result.text}
    </output>
  );
}
