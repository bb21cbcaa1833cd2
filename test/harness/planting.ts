import type { TestSystem, TokenRequest } from './system';

/**
 * One step of planting a test's world through the gateway, as its office or people would: the
 * answer's data, or a failure that names the step — a world planted half is no world to test in.
 */
export async function planted<T>(
  system: TestSystem,
  caller: TokenRequest,
  query: string,
  variables: object,
): Promise<T> {
  const response = await system.gql<T>(caller, query, variables as Record<string, unknown>);
  if (response.errors || !response.data) {
    throw new Error(`planting failed: ${query.slice(0, 80)}… ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}
