import type { PropsRecord } from '../../../catalog/props';
import { dedupingPresetIds, filterablePresetIds } from './index';

/** The `auth` fields provider presets add: the event filter and the default de-duplication. */
export const presetAuthProps = {
  events: {
    type: 'stringList',
    label: 'Only these events',
    description:
      'Empty: every event. Others are recorded as filtered, answered 200 and start nothing. ' +
      '`*` matches anything: `pull_request.*`, `orders/*`.',
    expression: false,
    placeholder: 'push',
    displayOptions: { show: { type: filterablePresetIds } },
  },
  // Off (unset) means de-duplicated: stored configs from before presets get the default too.
  keepRepeats: {
    type: 'boolean',
    label: 'Start a run for repeated deliveries too',
    description:
      'Unchecked: a delivery whose provider delivery id was already seen answers the first run ' +
      'instead of starting another. The De-duplication settings below, when set, take precedence.',
    displayOptions: { show: { type: dedupingPresetIds } },
  },
} as const satisfies PropsRecord;
