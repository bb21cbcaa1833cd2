import { CreateEvaluationTables1734000000000 } from './1734000000000-create-evaluation-tables';
import { OutboxTraceContext1736000000000 } from './1736000000000-outbox-trace-context';

/** In order; TypeORM records each in evaluation.migrations and runs only the new ones. */
export const evaluationMigrations = [CreateEvaluationTables1734000000000, OutboxTraceContext1736000000000];
