/**
 * jsdom has no EventSource: this stand-in records the streams the app opens, and a test plays
 * the server's part with `emit`, `open` and `fail`. Chromium tests use the real one.
 */
export class EventSourceStandIn extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static readonly opened: EventSourceStandIn[] = [];

  readyState = EventSourceStandIn.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    super();
    EventSourceStandIn.opened.push(this);
  }

  /** The streams open now, for `url`. */
  static live(url: string): EventSourceStandIn[] {
    return EventSourceStandIn.opened.filter(
      (source) => source.url === url && source.readyState !== EventSourceStandIn.CLOSED,
    );
  }

  open(): void {
    this.readyState = EventSourceStandIn.OPEN;
    this.onopen?.(new Event('open'));
  }

  emit(event: { type: string; [field: string]: unknown }): void {
    this.dispatchEvent(new MessageEvent(event.type, { data: JSON.stringify(event) }));
  }

  /** The server refused or ended the stream for good (EventSource then gives up). */
  fail(): void {
    this.readyState = EventSourceStandIn.CLOSED;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.readyState = EventSourceStandIn.CLOSED;
  }
}
