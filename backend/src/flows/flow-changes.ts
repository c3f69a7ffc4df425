import { Injectable } from '@nestjs/common';
import type { FlowChangeKind } from '@hookflow/shared';
import { EventEmitter } from 'node:events';

export interface FlowChange {
  flowId: string;
  teamId: string;
  kind: FlowChangeKind;
}

/**
 * Tells in-process listeners that a flow's trigger-URL view changed: its draft was saved, a
 * version published, the flow enabled or disabled, its trigger key regenerated, or the flow
 * deleted. Emitted after the write commits; the trigger-key cache relays it to other processes,
 * the team's live streams tell the editor.
 */
@Injectable()
export class FlowChanges {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(change: FlowChange): void {
    this.emitter.emit('changed', change);
  }

  onChange(listener: (change: FlowChange) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
}
