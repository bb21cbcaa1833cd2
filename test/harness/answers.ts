import { errorCodes } from '@mingshi/testing';
import type { TestSystem, TokenRequest } from './system';

/** What a request that must succeed answers; it fails the test, with the errors, when any came back. */
export async function answered(
  system: TestSystem,
  caller: TokenRequest,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const r = await system.gql(caller, query, variables);
  if (r.errors !== undefined || !r.data) throw new Error(`The request failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/**
 * The input fields a request is refused for (`extensions.fields`, else `extensions.field`); it
 * fails the test unless the request is refused with BAD_USER_INPUT and nothing else.
 */
export async function refusedFields(
  system: TestSystem,
  caller: TokenRequest,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<string[]> {
  const r = await system.gql(caller, query, variables);
  const codes = errorCodes(r);
  if (codes.length !== 1 || codes[0] !== 'BAD_USER_INPUT') {
    throw new Error(`Expected one BAD_USER_INPUT, got ${JSON.stringify(r.errors ?? r.data)}`);
  }
  const extensions = r.errors![0]!.extensions!;
  return (
    (extensions.fields as { field: string }[] | undefined)?.map((f) => f.field) ?? [
      extensions.field as string,
    ]
  );
}
