import { CreateFinanceTables1733000000000 } from './1733000000000-create-finance-tables';

/** In order; TypeORM records each in finance.migrations and runs only the new ones. */
export const financeMigrations = [CreateFinanceTables1733000000000];
