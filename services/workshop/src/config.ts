import { listenHost, loadConfig, port, serviceEnv, url, z } from '@mingshi/config';
import { queuePrefixSetting } from '@mingshi/events';
import { reportWorkerEnv } from '@mingshi/reports';
import { objectStoreEnv } from '@mingshi/storage';
import { processPartsSetting } from '@mingshi/subgraph-server';
import { DEFAULT_HOST_MINIMUM_TITLES, parseMinimumTitle } from './rules/host-eligibility';
import { DEFAULT_MEMBERSHIP_LIMITS } from './rules/membership-limits';

const minimumTitle = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parseMinimumTitle(value);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    });

export function workshopConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...serviceEnv,
      /** Where report sections are written (shared with the reports service). */
      ...objectStoreEnv(env),
      /** How soon a dead report worker's job is taken over (REPORT_WORKER_LOCK_MS). */
      ...reportWorkerEnv,
      HOST: listenHost(env),
      PORT: port(4002),
      /** The parts this process runs (libs/subgraph-server process-parts.ts); all by default. */
      MINGSHI_PARTS: processPartsSetting('workshop'),
      /** The personnel subgraph, asked on the caller's behalf whether teachers and schools qualify. */
      PERSONNEL_URL: url(['http', 'https']).default('http://localhost:4001/graphql'),
      QUEUE_PREFIX: queuePrefixSetting(),
      /** Membership limits per studio (成员, 学员). */
      MAX_MEMBERS: z.coerce.number().int().positive().default(DEFAULT_MEMBERSHIP_LIMITS.MEMBER),
      MAX_TRAINEES: z.coerce.number().int().positive().default(DEFAULT_MEMBERSHIP_LIMITS.TRAINEE),
      /** The least talent title a host needs, per studio level, as KIND@LEVEL (e.g. BACKBONE_TEACHER@COUNTY). */
      HOST_MIN_TITLE_COUNTY: minimumTitle(DEFAULT_HOST_MINIMUM_TITLES.COUNTY),
      HOST_MIN_TITLE_CITY: minimumTitle(DEFAULT_HOST_MINIMUM_TITLES.CITY),
      HOST_MIN_TITLE_PROVINCE: minimumTitle(DEFAULT_HOST_MINIMUM_TITLES.PROVINCE),
    },
    env,
  );
}

export type WorkshopConfig = ReturnType<typeof workshopConfig>;
