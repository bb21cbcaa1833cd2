import { provinceConfig } from '../config';

/**
 * A second province, to show the other choices (test/deploy synthesizes and validates it; nothing
 * is committed for it): PostgreSQL and Redis (a Redis Cluster) as managed services outside the cluster, webhooks to
 * the finance systems' range, traces to a collector, and a larger graph.
 */
export const GUANGDONG = provinceConfig({
  code: '440000',
  slug: 'guangdong',
  images: { registry: 'registry.example.com/mingshi', tag: '0.1.0' },
  publicUrl: 'https://graph-gd.example.com',
  corsOrigins: ['https://portal-gd.example.com'],
  identityProvider: {
    jwksUrl: 'https://idp-gd.example.com/.well-known/jwks.json',
    issuer: 'https://idp-gd.example.com/',
    audience: 'mingshi-graph',
    egress: [{ cidr: '198.51.100.10/32', ports: [443] }],
  },
  objectStore: { egress: [{ cidr: '198.51.100.20/32', ports: [443] }] },
  webhooks: { egress: [{ cidr: '203.0.113.0/24', except: ['203.0.113.128/25'], ports: [443, 8443] }] },
  tracing: {
    otlpEndpoint: 'https://otel-gd.example.com:4318',
    egress: [{ cidr: '198.51.100.30/32', ports: [4318] }],
  },
  postgres: { mode: 'managed', egress: [{ cidr: '10.20.0.0/24', ports: [5432] }] },
  // A managed Redis Cluster: its nodes answer with their own addresses, all in this range.
  redis: { mode: 'managed', cluster: true, egress: [{ cidr: '10.20.1.0/24', ports: [6379] }] },
  sizing: {
    overrides: {
      gateway: { scaling: { kind: 'cpu', minReplicas: 3, maxReplicas: 16, targetCpuUtilization: 65 } },
      workshop: { scaling: { kind: 'cpu', minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 65 } },
    },
  },
});
