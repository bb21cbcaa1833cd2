import type { Principal } from '@mingshi/auth';
import { postGraphQL } from '@mingshi/testing';
import type { BenchIdentityProvider } from './identity-provider';
import { BenchError } from './load';

/** Sends one operation as a principal and returns its data; any GraphQL error is thrown. */
export type GatewayCall = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

/**
 * A caller of the gateway as a real client is one: with its own token, signed by the run's
 * identity provider. For the set-up of a scenario, where a refusal means the bench is wrong.
 */
export async function gatewayCaller(
  gatewayUrl: string,
  provider: BenchIdentityProvider,
  principal: Principal,
): Promise<GatewayCall> {
  const authorization = `Bearer ${await provider.token(principal)}`;
  return async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await postGraphQL(gatewayUrl, query, variables, { authorization });
    if (response.status !== 200 || response.errors?.length || !response.data) {
      throw new BenchError(
        `${principal.roles.join(',')} ${principal.regionCode}: ${response.status} ${JSON.stringify(response.errors ?? response.data)}`,
      );
    }
    return response.data as T;
  };
}
