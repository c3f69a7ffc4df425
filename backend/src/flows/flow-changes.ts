import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Tells in-process caches that a flow's trigger-URL view changed: its draft was saved, a version
 * published, the flow enabled or disabled, its trigger key regenerated, or the flow deleted.
 * Emitted after the write commits; the trigger-key cache relays it to other processes.
 */
@Injectable()
export class FlowChanges {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(flowId: string): void {
    this.emitter.emit('changed', flowId);
  }

  onChange(listener: (flowId: string) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
}
