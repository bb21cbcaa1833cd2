import { PersonalDataAccessEntity } from './personal-data-access.entity';
import { RegionEntity } from './region.entity';
import { SchoolEntity } from './school.entity';
import { TalentTitleEntity } from './talent-title.entity';
import { TeacherEntity, type RuralServiceRecord } from './teacher.entity';
import { TeacherNameGramEntity } from './teacher-name-gram.entity';
import { TrainingRecordEntity } from './training-record.entity';
import { TrainingYearEntity } from './training-year.entity';

export {
  PersonalDataAccessEntity,
  RegionEntity,
  SchoolEntity,
  TalentTitleEntity,
  TeacherEntity,
  TeacherNameGramEntity,
  type RuralServiceRecord,
  TrainingRecordEntity,
  TrainingYearEntity,
};

export const personnelEntities = [
  RegionEntity,
  SchoolEntity,
  TeacherEntity,
  TeacherNameGramEntity,
  TalentTitleEntity,
  TrainingRecordEntity,
  TrainingYearEntity,
  PersonalDataAccessEntity,
];
