import { CreateEvaluationTables1734000000000 } from './1734000000000-create-evaluation-tables';

/** In order; TypeORM records each in evaluation.migrations and runs only the new ones. */
export const evaluationMigrations = [CreateEvaluationTables1734000000000];
