import { sampleValue } from './statement-counts';

const METRICS = `# HELP mingshi_sql_statements_total SQL statements sent to PostgreSQL
# TYPE mingshi_sql_statements_total counter
mingshi_sql_statements_total{transaction="request"} 350
mingshi_sql_statements_total{transaction="other"} 42
# HELP mingshi_graphql_requests_total GraphQL operations this process has answered
# TYPE mingshi_graphql_requests_total counter
mingshi_graphql_requests_total 10
`;

describe('a sample of the Prometheus text format', () => {
  it('is the value of exactly that series, labels and all', () => {
    expect(sampleValue(METRICS, 'mingshi_sql_statements_total{transaction="request"}')).toBe(350);
    expect(sampleValue(METRICS, 'mingshi_sql_statements_total{transaction="other"}')).toBe(42);
    expect(sampleValue(METRICS, 'mingshi_graphql_requests_total')).toBe(10);
  });

  it('is 0 for a series not counted yet (prom-client prints a labelled counter once it is used)', () => {
    expect(sampleValue('', 'mingshi_graphql_requests_total')).toBe(0);
  });
});
