import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@mingshi/auth';

/** An administrative region (行政区划), loaded from the GB/T 2260 data package by a migration. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: RegionLevel;

  @Index()
  @Column({ type: 'varchar', length: 6, nullable: true })
  parentCode!: string | null;

  /** Names from province down, joined by " / ", kept with the row because regions rarely change. */
  @Column({ type: 'varchar', length: 200 })
  fullName!: string;
}
