import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SupportAgreementStatus } from '../generated/resolvers-types';

/** A support agreement (帮扶协议) between a studio and a (weak) school. */
@Entity({ name: 'support_agreement' })
export class SupportAgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 2000 })
  content!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'smallint' })
  visitsPerTerm!: number;

  @Column({ type: 'varchar', length: 2000 })
  agreedResults!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: SupportAgreementStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
