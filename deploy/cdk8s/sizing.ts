import { DEFAULT_POOL_SIZE } from '../../libs/db/src/data-source';
import type {
  CpuScaling,
  FixedScaling,
  ProvinceConfig,
  QueueScaling,
  Resources,
  Sizing,
  WorkloadName,
} from './config';
import type { Workload } from './topology';

export type AnySizing = Sizing<CpuScaling | QueueScaling | FixedScaling>;

/** A workload's size: its part's (or the gateway's), with the province's override for it on top. */
export function sizingOf(config: ProvinceConfig, workload: Workload): AnySizing {
  const base: AnySizing =
    workload.part === 'gateway' ? config.sizing.gateway : config.sizing.parts[workload.part];
  return { ...base, ...config.sizing.overrides[workload.name as WorkloadName] };
}

export function maxReplicas(sizing: AnySizing): number {
  return sizing.scaling.kind === 'fixed' ? sizing.scaling.replicas : sizing.scaling.maxReplicas;
}

/**
 * PostgreSQL's max_connections: every process that may run at once holding its full pool (libs/db),
 * plus a reserve for the migration Job, finance's fund-event pipeline pool, the operator's and
 * replicas' own sessions and an administrator's psql. A process that reads from the replicas holds
 * a second pool there; a replica serves only those, fewer than this, and every instance takes the
 * one setting (a standby needs at least the primary's).
 */
export function connectionBudget(config: ProvinceConfig, workloads: Workload[]): number {
  const reserve = 50;
  const pools = workloads
    .filter((workload) => workload.part !== 'gateway')
    .reduce((sum, workload) => sum + maxReplicas(sizingOf(config, workload)) * DEFAULT_POOL_SIZE, 0);
  return pools + reserve;
}

const BINARY_UNITS: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };

/** A memory quantity (`768Mi`, `2Gi`) in MiB. */
function mebibytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) throw new Error(`memory "${quantity}" must be a number with Ki, Mi, Gi or Ti`);
  return Number(match[1]) * BINARY_UNITS[match[2]!]!;
}

/**
 * Redis's maxmemory for a container limit: with `noeviction` a full Redis refuses writes (a clear
 * error) rather than being killed for memory; the rest of the limit is for the copy-on-write pages
 * of an AOF rewrite's fork, replication buffers and the process itself.
 */
export function redisMaxMemory(resources: Resources): string {
  return `${Math.floor(mebibytes(resources.memoryLimit) * 0.6)}mb`;
}
