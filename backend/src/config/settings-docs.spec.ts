import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS } from './app-config.js';

describe('README settings table', () => {
  // Cells compared without their padding, so a formatter may align the table.
  const rows = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\s*\|\s*/g, '|'));

  it.each(SETTINGS)('documents $name with its default and meaning', (setting) => {
    expect(rows).toContain(`|\`${setting.name}\`|${setting.default}|${setting.description}|`);
  });
});
