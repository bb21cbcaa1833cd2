/**
 * The parts of two operators' custom resources these manifests use, typed so that a misspelt field
 * fails to compile. No npm package ships models or schemas for them (kubernetes-models has none for
 * CloudNativePG or the spotahome redis-operator), so the CRDs themselves are not checked offline:
 * test/deploy checks the fields the system relies on instead. KEDA and prometheus-operator objects
 * use @kubernetes-models' classes, which carry their schemas.
 */

/** `postgresql.cnpg.io/v1` Cluster (CloudNativePG 1.2x), the fields used. */
export interface CnpgClusterSpec {
  instances: number;
  imageName: string;
  primaryUpdateStrategy: 'unsupervised' | 'supervised';
  enableSuperuserAccess: boolean;
  storage: CnpgStorage;
  walStorage?: CnpgStorage;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  affinity: {
    enablePodAntiAffinity: boolean;
    topologyKey: string;
    podAntiAffinityType: 'preferred' | 'required';
  };
  postgresql: { parameters: Record<string, string> };
  bootstrap: { initdb: { database: string; owner: string; secret: { name: string } } };
  managed: { roles: CnpgRole[] };
}

export interface CnpgStorage {
  size: string;
  storageClass?: string;
}

/** A role CloudNativePG keeps as declared (`spec.managed.roles`). */
export interface CnpgRole {
  name: string;
  ensure: 'present' | 'absent';
  comment: string;
  login: boolean;
  superuser: boolean;
  createdb: boolean;
  createrole: boolean;
  replication: boolean;
  bypassrls: boolean;
  inherit: boolean;
  passwordSecret: { name: string };
}

/** `databases.spotahome.com/v1` RedisFailover (redis-operator 1.3), the fields used. */
export interface RedisFailoverSpec {
  redis: {
    replicas: number;
    image: string;
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    /** Applied with CONFIG SET by the operator, so they hold on every server, after failovers too. */
    customConfig: string[];
    storage: {
      keepAfterDeletion: boolean;
      persistentVolumeClaim: {
        metadata: { name: string };
        spec: {
          accessModes: string[];
          storageClassName?: string;
          resources: { requests: { storage: string } };
        };
      };
    };
  };
  sentinel: {
    replicas: number;
    image: string;
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    customConfig: string[];
  };
  auth: { secretPath: string };
}
