import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@mingshi/db';

/** A completion certificate (结业证书); one per trainee and studio cycle. */
@Entity({ name: 'certificate' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'smallint' })
  cycleStartYear!: number;

  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'date' })
  issuedOn!: string;

  @Column({ type: 'varchar', length: 100 })
  issuedBy!: string;
}
