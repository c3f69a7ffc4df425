import { credentialCatalog, nodeCatalog } from '@hookflow/shared';
import { render } from '@testing-library/react';
import { CATALOG_ICONS, NodeIcon } from './node-icon';

describe('NodeIcon', () => {
  it('has an icon for every icon name the catalog uses', () => {
    const names = [...nodeCatalog, ...credentialCatalog].map((entry) => entry.icon);
    expect(names.filter((name) => !CATALOG_ICONS[name])).toEqual([]);
  });

  it('draws the catalog icon of a node type', () => {
    const { container } = render(<NodeIcon type="http.request" />);
    const svg = container.querySelector('svg');
    expect(svg).toHaveAttribute('data-icon', 'globe');
    expect(svg).toHaveClass('lucide-globe');
  });

  it('draws a plain box for an unknown type', () => {
    const { container } = render(<NodeIcon type="nope.unknown" />);
    expect(container.querySelector('svg')).toHaveClass('lucide-box');
  });
});
