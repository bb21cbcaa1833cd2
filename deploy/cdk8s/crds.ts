import type { ICluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import type { IScheduledBackup } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup';

/**
 * The operators' custom resources, typed so that a misspelt field fails to compile. CloudNativePG's
 * come from @kubernetes-models/cloudnative-pg, generated from its CRDs (test/deploy validates the
 * objects against their schemas too). No package models the spotahome redis-operator, so the
 * RedisFailover's fields used here are written out below, and test/deploy checks those the system
 * relies on.
 */
export type CnpgClusterSpec = NonNullable<ICluster['spec']>;
export type CnpgScheduledBackupSpec = NonNullable<IScheduledBackup['spec']>;

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
