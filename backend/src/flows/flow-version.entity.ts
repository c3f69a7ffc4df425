import type { FlowDefinition } from '@hookflow/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An immutable snapshot taken at publish: what the production trigger URL runs. */
@Entity('flow_versions')
export class FlowVersionEntity {
  @PrimaryColumn({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'json' })
  definition: FlowDefinition;

  /** The user who published it; null when unknown (before this was recorded) or deleted. */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
