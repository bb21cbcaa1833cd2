import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { quote } from '@mingshi/graphql';

/** Which webhook URLs are accepted. */
export interface WebhookUrlPolicy {
  requireHttps: boolean;
  allowPrivateAddresses: boolean;
}

/** Resolves a host name to every address it has (dns.lookup with `all`); injectable for tests. */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Longest URL the endpoint table holds. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Why an address may not receive webhooks, or null when it may. Only ordinary public unicast
 * addresses pass: besides private, loopback, link-local, unique-local and unspecified ones this
 * also refuses multicast, carrier-grade NAT, documentation and the IPv6 transition ranges (6to4,
 * Teredo, NAT64), which can carry a private IPv4 address inside them.
 */
export function addressProblem(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${quote(address)} is not an IP address`;
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : `resolves to ${address}, a ${range} address`;
}

/**
 * Why a URL may not receive webhooks under `policy`, or null when it may. Run when an endpoint is
 * registered and again before every delivery: a name that resolved to a public address at
 * registration may point inside the network later (DNS rebinding).
 */
export async function webhookUrlProblem(
  url: string,
  policy: WebhookUrlPolicy,
  resolve: ResolveHost = resolveWithDns,
): Promise<string | null> {
  const syntax = webhookUrlSyntaxProblem(url, policy);
  if (syntax) return syntax;
  if (policy.allowPrivateAddresses) return null;
  const host = unbracket(new URL(url).hostname);
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return `its host ${quote(host)} does not resolve`;
  }
  if (addresses.length === 0) return `its host ${quote(host)} does not resolve`;
  for (const address of addresses) {
    const problem = addressProblem(address);
    if (problem) return `must not point inside the network: ${quote(host)} ${problem}`;
  }
  return null;
}

/** What the URL itself shows: an absolute http(s) URL without credentials, https when required. */
export function webhookUrlSyntaxProblem(url: string, policy: WebhookUrlPolicy): string | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `must be an absolute URL, not ${quote(url)}`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `must be an http or https URL, not ${quote(parsed.protocol)}`;
  }
  if (policy.requireHttps && parsed.protocol !== 'https:') return 'must be an https URL';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return null;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
