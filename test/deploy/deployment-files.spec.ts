import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '@mingshi/config';
import { QUEUE_REDIS_ARGS } from '@mingshi/events';
import {
  PARTS_VARIABLE,
  SERVICE_PARTS,
  processPartsSetting,
  type ServiceName,
} from '@mingshi/subgraph-server';
import { SUBGRAPHS, subgraphUrlVariable } from '../../gateway/src/subgraphs';

/**
 * The deployment files describe the system that exists: every subgraph under services/ (one with
 * a schema.graphql) runs in docker compose and in the Kubernetes manifests with what it reads, and
 * the gateway there knows where it answers. A new subgraph fails here until it is added to them.
 */
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const subgraphs = readdirSync(path.join(ROOT, 'services'))
  .filter((name) => existsSync(path.join(ROOT, 'services', name, 'schema.graphql')))
  .map((name) => ({
    name,
    port: SUBGRAPHS.find((subgraph) => subgraph.name === name)?.port,
    url: (port: number | undefined) => `http://${name}:${port}/graphql`,
  }));

/** The other subgraphs a subgraph's config reads the URL of (workshop reads PERSONNEL_URL). */
function urlsRead(name: string): { variable: string; url: string }[] {
  const config = read(`services/${name}/src/config.ts`);
  return subgraphs
    .filter((other) => other.name !== name && config.includes(subgraphUrlVariable(other.name)))
    .map((other) => ({ variable: subgraphUrlVariable(other.name), url: other.url(other.port) }));
}

/** Every subgraph reads these (libs/config serviceEnv), plus HOST to be reachable in a container. */
const SERVICE_VARIABLES = ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'GATEWAY_IDENTITY_SECRET'];

interface ComposeService {
  build?: { args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

interface K8sContainer {
  ports?: { containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
  envFrom?: { secretRef?: { name: string } }[];
}

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: {
    ports?: { port: number }[];
    template?: { spec: { containers: K8sContainer[] } };
  };
}

describe('deployment files', () => {
  it('find the subgraphs under services/, each with its port in gateway/src/subgraphs.ts', () => {
    expect(subgraphs.map((s) => s.name)).toEqual(expect.arrayContaining(['personnel', 'workshop']));
    expect(subgraphs.filter((subgraph) => subgraph.port === undefined).map((s) => s.name)).toEqual([]);
  });

  describe('docker-compose.yml', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    const gateway = compose.services.gateway!;

    it.each(subgraphs.map((s) => [s.name, s] as const))(
      'runs %s on its port, listening beyond loopback, with everything its config reads',
      (name, subgraph) => {
        const service = compose.services[name];
        expect(service?.build?.args?.SERVICE).toBe(name);
        const environment = service?.environment ?? {};
        expect(environment).toMatchObject({ PORT: String(subgraph.port), HOST: '0.0.0.0' });
        for (const variable of SERVICE_VARIABLES) expect(Object.keys(environment)).toContain(variable);
        for (const { variable, url } of urlsRead(name)) expect(environment[variable]).toBe(url);
      },
    );

    it.each(subgraphs.map((s) => [s.name, s] as const))(
      'has the gateway compose %s at its URL and wait for it',
      (name, subgraph) => {
        expect(gateway.build?.args?.[subgraphUrlVariable(name)]).toBe(subgraph.url(subgraph.port));
        expect(Object.keys(gateway.depends_on ?? {})).toContain(name);
      },
    );

    it('has the gateway listen beyond loopback', () => {
      expect(gateway.environment?.HOST).toBe('0.0.0.0');
    });

    /** Every container of one service's image, by name, with the parts MINGSHI_PARTS gives it. */
    const containersOf = (name: string) =>
      Object.entries(compose.services)
        .filter(([, service]) => service.build?.args?.SERVICE === name)
        .map(([container, service]) => {
          const environment = service.environment ?? {};
          // As the service's config reads it: a part that does not exist fails here.
          const { MINGSHI_PARTS } = loadConfig(
            { MINGSHI_PARTS: processPartsSetting(name as ServiceName) },
            { MINGSHI_PARTS: environment[PARTS_VARIABLE] },
          );
          return { container, environment, parts: MINGSHI_PARTS as readonly string[] };
        });

    it.each(subgraphs.map((s) => [s.name] as const))(
      'runs every part of %s exactly once: its graph in the container of its name, the rest beside it',
      (name) => {
        const containers = containersOf(name);
        expect(containers.find((c) => c.container === name)?.parts).toEqual(['graph']);
        const parts = containers.flatMap((c) => c.parts);
        expect([...parts].sort()).toEqual([...SERVICE_PARTS[name as ServiceName]].sort());
        for (const { container } of containers) expect(container).toMatch(new RegExp(`^${name}(-|$)`));
      },
    );

    it.each(subgraphs.map((s) => [s.name] as const))(
      "gives every container of %s the settings of its graph's, whatever parts it runs",
      (name) => {
        const withoutParts = ({ [PARTS_VARIABLE]: _parts, ...rest }: Record<string, string>) => rest;
        const graph = withoutParts(compose.services[name]?.environment ?? {});
        for (const { environment } of containersOf(name)) expect(withoutParts(environment)).toEqual(graph);
      },
    );

    it('runs Redis as queues need it: no eviction, AOF on', () => {
      const command = (compose.services.redis?.command ?? []).join(' ');
      expect(command).toContain(QUEUE_REDIS_ARGS.join(' '));
    });
  });

  describe('deploy/k8s/province', () => {
    const objects = readdirSync(path.join(ROOT, 'deploy/k8s/province'))
      .filter((file) => file.endsWith('.yaml'))
      .flatMap((file) =>
        parseAllDocuments(read(`deploy/k8s/province/${file}`)).map((doc) => doc.toJS() as K8sObject),
      );
    const find = (kind: string, name: string) =>
      objects.find((object) => object.kind === kind && object.metadata.name === name);
    const container = (name: string) => find('Deployment', name)?.spec.template?.spec.containers[0];
    const env = (name: string) =>
      Object.fromEntries((container(name)?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
    /** Read from a Secret: by reference, or assembled from variables that are (`$(DB_APP_PASSWORD)`). */
    const fromSecret = (name: string, variable: string) => {
      const entries = container(name)?.env ?? [];
      const entry = entries.find((e) => e.name === variable);
      if (entry?.valueFrom?.secretKeyRef) return true;
      const used = [...(entry?.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)].map((match) => match[1]);
      return used.length > 0 && used.every((v) => entries.find((e) => e.name === v)?.valueFrom?.secretKeyRef);
    };
    const dockerfile = read('deploy/Dockerfile');

    it.each(subgraphs.map((s) => [s.name, s] as const))(
      'runs %s behind a Service of its name on its port, where the gateway image expects it',
      (name, subgraph) => {
        expect(container(name)?.ports?.map((p) => p.containerPort)).toEqual([subgraph.port]);
        expect(find('Service', name)?.spec.ports?.map((p) => p.port)).toEqual([subgraph.port]);
        // The gateway image bakes the Dockerfile's <NAME>_URL into its supergraph.
        expect(dockerfile).toContain(`ARG ${subgraphUrlVariable(name)}=${subgraph.url(subgraph.port)}`);
      },
    );

    it.each(subgraphs.map((s) => [s.name, s] as const))(
      'gives %s everything its config reads, listening beyond loopback',
      (name, subgraph) => {
        expect(env(name)).toMatchObject({
          NODE_ENV: 'production',
          HOST: '0.0.0.0',
          PORT: String(subgraph.port),
          GATEWAY_IDENTITY_SECRET: expect.anything(),
        });
        // DATABASE_URL and REDIS_URL come from Secrets; the report store's bucket (every service
        // writes report sections to it) from the one they share.
        expect(fromSecret(name, 'DATABASE_URL')).toBe(true);
        expect(fromSecret(name, 'REDIS_URL')).toBe(true);
        expect(container(name)?.envFrom).toEqual([{ secretRef: { name: 'mingshi-report-store' } }]);
        expect(env(name).REPORT_STORE).toBe('s3');
        for (const { variable, url } of urlsRead(name)) expect(env(name)[variable]).toBe(url);
      },
    );

    it('has the gateway listen beyond loopback', () => {
      expect(env('gateway')).toMatchObject({ HOST: '0.0.0.0', NODE_ENV: 'production' });
    });
  });
});
