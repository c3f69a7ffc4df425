import type { NodeRetryPolicy } from '@hookflow/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { RetrySettings } from './retry-settings';
import { describeRetry, formatWait, parseWaits } from './retry-text';

const svix: NodeRetryPolicy = {
  backoff: 'schedule',
  schedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
};

function Harness({ changes }: { changes: (NodeRetryPolicy | null)[] }) {
  const [value, setValue] = useState<NodeRetryPolicy | undefined>(undefined);
  return (
    <RetrySettings
      id="r"
      value={value}
      typeDefault={svix}
      onChange={(retry) => {
        changes.push(retry);
        setValue(retry ?? undefined);
      }}
    />
  );
}

describe(RetrySettings.name, () => {
  it("offers the node type's default, then edits fixed, exponential and scheduled retries", () => {
    const changes: (NodeRetryPolicy | null)[] = [];
    render(<Harness changes={changes} />);
    const mode = screen.getByLabelText('When the step fails');

    expect(
      screen.getByRole('option', { name: /^Default: 8 tries, waiting 5s, 5m, 30m/ }),
    ).toBeTruthy();

    fireEvent.change(mode, { target: { value: 'exponential' } });
    fireEvent.change(screen.getByLabelText('Tries in all'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('First wait (seconds)'), { target: { value: '2.5' } });
    expect(changes.at(-1)).toEqual({ backoff: 'exponential', attempts: 5, delayMs: 2500 });

    fireEvent.change(mode, { target: { value: 'schedule' } });
    fireEvent.change(screen.getByLabelText('Waits before each retry'), {
      target: { value: '10s, 2m, 1h' },
    });
    expect(changes.at(-1)).toEqual({ backoff: 'schedule', schedule: [10_000, 120_000, 3_600_000] });
    expect(screen.getByText('4 tries, waiting 10s, 2m, 1h, with ±10 % jitter.')).toBeTruthy();

    fireEvent.change(mode, { target: { value: 'none' } });
    expect(changes.at(-1)).toEqual({ backoff: 'fixed', attempts: 1, delayMs: 0 });
    fireEvent.change(mode, { target: { value: 'default' } });
    expect(changes.at(-1)).toBeNull();
  });

  it('shows a wrong wait next to the field and keeps the last good schedule', () => {
    const changes: (NodeRetryPolicy | null)[] = [];
    render(<Harness changes={changes} />);
    fireEvent.change(screen.getByLabelText('When the step fails'), {
      target: { value: 'schedule' },
    });
    const before = changes.length;

    fireEvent.change(screen.getByLabelText('Waits before each retry'), {
      target: { value: '10s, soon' },
    });

    expect(screen.getByText('“soon” is not a wait like 30s, 5m or 2h')).toBeTruthy();
    expect(changes).toHaveLength(before);
  });
});

describe('retry text', () => {
  it('formats and parses waits', () => {
    expect([5_000, 300_000, 7_200_000, 90_000, 1500].map(formatWait)).toEqual([
      '5s',
      '5m',
      '2h',
      '90s',
      '1500ms',
    ]);
    expect(parseWaits('5s, 1.5m,2h')).toEqual({ waits: [5_000, 90_000, 7_200_000] });
    expect(parseWaits('')).toEqual({ error: '“” is not a wait like 30s, 5m or 2h' });
    expect(describeRetry(undefined)).toBe('3 tries, exponential backoff from 1s, with jitter');
    expect(describeRetry({ backoff: 'fixed', attempts: 4, delayMs: 30_000 })).toBe(
      '4 tries, every 30s',
    );
  });
});
