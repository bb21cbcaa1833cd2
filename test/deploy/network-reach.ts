import ipaddr from 'ipaddr.js';

/**
 * What a set of NetworkPolicies allows, read the way Kubernetes reads them (networking.k8s.io/v1):
 * a pod selected by no policy of a type is open in that direction; one selected by some is open
 * only to what one of their rules admits. Enough of the API for the manifests here: label
 * selectors with matchLabels and `In` expressions, namespace selectors, IP blocks and TCP/UDP ports.
 */
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { protocol?: string; port?: number | string }[];
}

export interface NetworkPolicy {
  metadata: { name: string; namespace: string };
  spec: { podSelector: Selector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
}

/** One end of a connection: a pod (its labels and its namespace's) or an address outside. */
export type Endpoint =
  | {
      pod: Record<string, string>;
      namespace: Record<string, string> & { 'kubernetes.io/metadata.name': string };
    }
  | { ip: string };

export function matches(selector: Selector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every((expression) => {
    if (expression.operator !== 'In')
      throw new Error(`selector operator ${expression.operator} is not read here`);
    return expression.values?.includes(labels[expression.key] ?? '') ?? false;
  });
  return byLabel && byExpression;
}

function peerAdmits(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (!('ip' in other)) return false;
    const address = ipaddr.parse(other.ip);
    const inside = (cidr: string) => address.match(ipaddr.parseCIDR(cidr));
    return inside(peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some(inside);
  }
  if (!('pod' in other)) return false;
  const namespaceOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, other.namespace)
    : other.namespace['kubernetes.io/metadata.name'] === policyNamespace;
  const podOk = peer.podSelector ? matches(peer.podSelector, other.pod) : true;
  return namespaceOk && podOk;
}

function ruleAdmits(
  rule: Rule,
  peers: Peer[] | undefined,
  other: Endpoint,
  port: number,
  protocol: string,
  namespace: string,
) {
  const portOk =
    !rule.ports ||
    rule.ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port));
  const peerOk = !peers || peers.some((peer) => peerAdmits(peer, other, namespace));
  return portOk && peerOk;
}

function allowed(
  policies: NetworkPolicy[],
  direction: 'Ingress' | 'Egress',
  self: Endpoint,
  other: Endpoint,
  port: number,
  protocol: string,
): boolean {
  if (!('pod' in self)) return true; // outside the cluster: not governed here
  const namespace = self.namespace['kubernetes.io/metadata.name'];
  const applying = policies.filter(
    (policy) =>
      policy.metadata.namespace === namespace &&
      matches(policy.spec.podSelector, self.pod) &&
      (policy.spec.policyTypes ?? ['Ingress']).includes(direction),
  );
  if (applying.length === 0) return true;
  return applying.some((policy) => {
    const rules = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    return rules.some((rule) =>
      ruleAdmits(rule, direction === 'Ingress' ? rule.from : rule.to, other, port, protocol, namespace),
    );
  });
}

/** Whether `destination`'s policies alone admit a connection from `source` on `port`. */
export function admits(
  policies: NetworkPolicy[],
  destination: Endpoint,
  source: Endpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  return allowed(policies, 'Ingress', destination, source, port, protocol);
}

/** Whether `source` may open a connection to `destination` on `port`: egress from one, ingress to the other. */
export function canReach(
  policies: NetworkPolicy[],
  source: Endpoint,
  destination: Endpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  return (
    allowed(policies, 'Egress', source, destination, port, protocol) &&
    admits(policies, destination, source, port, protocol)
  );
}
