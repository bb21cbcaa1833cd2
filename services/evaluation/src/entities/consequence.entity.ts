import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';
import type { ConsequenceKind, ConsequenceState } from '../generated/resolvers-types';

/** A consequence of one finalisation's result, and how far it has been carried out. */
@Entity({ name: 'consequence' })
export class ConsequenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  assessmentId!: string;

  @Column({ type: 'smallint' })
  finalisation!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: ConsequenceKind;

  @Column({ type: 'varchar', length: 10 })
  state!: ConsequenceState;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  amountFen!: bigint | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
