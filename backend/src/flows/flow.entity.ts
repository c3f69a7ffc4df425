import type { FlowDefinition, FlowStatus } from '@hookflow/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('flows')
export class FlowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'draft' })
  status: FlowStatus;

  /** The draft. Secret config values are sealed in place (see flow-secrets.ts). */
  @Column({ type: 'json' })
  definition: FlowDefinition;

  @Column({ name: 'published_version', type: 'integer', nullable: true })
  publishedVersion: number | null;

  /** The unguessable part of the trigger URL: /hooks/<key>. */
  @Column({ name: 'trigger_key', type: 'text', unique: true })
  triggerKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
