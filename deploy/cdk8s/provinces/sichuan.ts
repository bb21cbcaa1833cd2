import { provinceConfig } from '../config';

/**
 * The province whose manifests are committed under deploy/k8s/province: PostgreSQL and Redis in
 * the cluster, defaults for the rest. The registry, addresses and ranges are placeholders a real
 * province replaces with its own (example.com and the documentation ranges of RFC 5737).
 */
export const SICHUAN = provinceConfig({
  code: '510000',
  slug: 'sichuan',
  images: { registry: 'registry.example.com/mingshi', tag: '0.1.0' },
  publicUrl: 'https://graph.example.com',
  identityProvider: {
    jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
    issuer: 'https://idp.example.com/',
    audience: 'mingshi-graph',
    egress: [{ cidr: '192.0.2.10/32', ports: [443] }],
  },
  objectStore: { egress: [{ cidr: '192.0.2.20/32', ports: [443] }] },
});
