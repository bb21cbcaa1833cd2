import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A studio host's comment (意见) on a scheme version open for comment. */
@Entity({ name: 'scheme_comment' })
export class SchemeCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schemeId!: string;

  @Column({ type: 'varchar', length: 6 })
  schemeRegionCode!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  /** The commenting studio's founding jurisdiction. */
  @Column({ type: 'varchar', length: 6 })
  workshopRegionCode!: string;

  @Column({ type: 'uuid' })
  authorTeacherId!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  indicatorCode!: string | null;

  @Column({ type: 'varchar', length: 2000 })
  body!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
