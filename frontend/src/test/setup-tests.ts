import '@testing-library/jest-dom';
import { EventSourceStandIn } from './event-source-stand-in';

// jsdom lacks the layout APIs React Flow measures nodes and the viewport with.
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([^)]+)\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

Object.assign(globalThis, {
  ResizeObserver: ResizeObserverStub,
  DOMMatrixReadOnly: DOMMatrixReadOnlyStub,
  EventSource: EventSourceStandIn,
});

// Give every element a size so React Flow treats nodes as measured and renders them visible.
Object.defineProperties(HTMLElement.prototype, {
  offsetWidth: { configurable: true, get: () => 160 },
  offsetHeight: { configurable: true, get: () => 60 },
});
