import {
  enumPositionSql,
  isDate,
  isDecimalText,
  isText,
  isWholeNumberText,
  readOrder,
  type Keyset,
} from '@mingshi/db';
import { enumOrder } from '@mingshi/graphql';
import type { TeacherEntity } from '../entities';
import type { TeacherOrder } from '../generated/resolvers-types';
import { personnelSchema } from '../schema-document';
import { YEAR_HOURS } from './teacher-filter';

/**
 * The keyset of a teacher list: the requested keys, then name and id, so that ties keep one stable
 * order across pages. HOURS reads YEAR_HOURS, the hours of `hoursYear` (the filter's year), which
 * `readsHours` asks the query to join. Cursors carry what the database compared and name the order
 * (and for HOURS the year), except in the default order by name, whose cursors stay the bare
 * [name, id] they always were.
 */
export function teacherKeyset(
  orderBy: readonly TeacherOrder[] | null | undefined,
  hoursYear: number,
): Keyset<TeacherEntity> & { readsHours: boolean } {
  const keyset = readOrder(orderBy, {
    fields: {
      NAME: { sql: 't.name', accepts: isText },
      BIRTH_DATE: { sql: 't.birth_date', accepts: isDate },
      // A rank's place in the order ProfessionalRank declares (1 for 正高级教师): ranks sort by seniority.
      RANK: {
        sql: enumPositionSql('t.rank', enumOrder(personnelSchema, 'ProfessionalRank')),
        accepts: isWholeNumberText,
      },
      HOURS: { sql: YEAR_HOURS, accepts: isDecimalText, qualifier: `@${hoursYear}` },
    },
    byDefault: [{ field: 'NAME' }],
    ties: [{ field: 'NAME' }],
    id: 't.id',
    idDirection: 'ASC',
    bareWhenAskedDefault: true,
  });
  return { ...keyset, readsHours: (orderBy ?? []).some((key) => key.field === 'HOURS') };
}
