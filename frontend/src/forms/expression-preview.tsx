import { compileTemplate, isExpression, type ExpressionContext } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { usePicker } from './picker-context';

interface Preview {
  value: string;
  sample: ExpressionContext;
  ok: boolean;
  text: string;
}

/** Shows what a `{{ }}` value evaluates to against the sample data, or why it cannot. */
export function ExpressionPreview({ value }: { value: unknown }) {
  const { sample } = usePicker();
  const [result, setResult] = useState<Preview | null>(null);
  const active = sample !== null && isExpression(value);

  useEffect(() => {
    if (!sample || !isExpression(value)) return;
    let current = true;
    const show = (ok: boolean, text: string) => current && setResult({ value, sample, ok, text });
    // Compiling throws synchronously on syntax errors; evaluating rejects.
    Promise.resolve()
      .then(() => compileTemplate(value)(sample))
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
