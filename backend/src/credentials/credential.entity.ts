import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('credentials')
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  /** AES-256-GCM sealed JSON of the field values; never leaves the server unsealed. */
  @Column({ name: 'sealed_data', type: 'text' })
  sealedData: string;

  /** Which fields hold a value, so the API can say "set" without decrypting. */
  @Column({ name: 'fields_set', type: 'text', array: true })
  fieldsSet: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
