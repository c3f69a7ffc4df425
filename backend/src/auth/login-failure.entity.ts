import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One failed log-in, counted per account and per client address for rate limiting. */
@Entity('login_failures')
@Index(['key', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** `account:<email>` or `ip:<address>`. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
