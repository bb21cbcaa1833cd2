import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ConfigError, url, z } from '@mingshi/config';
import path from 'node:path';
import { LocalDirectoryStore } from './local-directory-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/** A setting that must be present when another one is. */
const requiredWhen = (condition: boolean, why: string) =>
  condition
    ? z.string({ required_error: `is required ${why}` }).min(1, `is required ${why}`)
    : z.string().min(1).optional();

/**
 * Where the object store is, as a shape for `loadConfig` (spread it into a service's shape). It
 * reads `env` as `listenHost` does, because what is required depends on other settings: a bucket
 * only for S3, each half of a key pair only with the other, path-style addressing by default only
 * for a custom endpoint.
 */
export function objectStoreEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    /** `local` keeps objects in a directory of this machine; `s3` in a bucket every machine reaches. */
    REPORT_STORE: z.enum(['local', 's3']).default('local'),
    /** The local store's directory; a relative path is taken from the working directory. */
    REPORT_STORE_DIR: z
      .string()
      .min(1)
      .default(path.join('var', 'report-files'))
      .transform((dir) => path.resolve(process.cwd(), dir)),
    /** An S3-compatible server (MinIO, Ceph, OSS…); absent for AWS S3 itself. */
    S3_ENDPOINT: url(['http', 'https']).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: requiredWhen(env.REPORT_STORE === 's3', 'when REPORT_STORE=s3'),
    /** Static credentials; without them the SDK's default chain (environment, profile, IAM role) applies. */
    S3_ACCESS_KEY_ID: requiredWhen(Boolean(env.S3_SECRET_ACCESS_KEY), 'when S3_SECRET_ACCESS_KEY is set'),
    S3_SECRET_ACCESS_KEY: requiredWhen(Boolean(env.S3_ACCESS_KEY_ID), 'when S3_ACCESS_KEY_ID is set'),
    /** `bucket` in the path rather than the host name, as most self-hosted servers need. */
    S3_FORCE_PATH_STYLE: flag(Boolean(env.S3_ENDPOINT)),
  };
}

export type ObjectStoreConfig = z.infer<z.ZodObject<ReturnType<typeof objectStoreEnv>>>;

/**
 * The S3 client the configuration describes. With a custom endpoint, checksums are sent and checked
 * only where an operation requires them: the SDK's default CRC headers (since 3.729.0) are refused
 * or mishandled by many S3-compatible servers (https://github.com/aws/aws-sdk-js-v3/issues/6810).
 * AWS S3 itself keeps the SDK's default integrity checks.
 */
export function s3ClientFor(config: ObjectStoreConfig): S3Client {
  const options: S3ClientConfig = {
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
  if (config.S3_ENDPOINT) {
    options.endpoint = config.S3_ENDPOINT;
    options.requestChecksumCalculation = 'WHEN_REQUIRED';
    options.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  if (config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    options.credentials = {
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    };
  }
  return new S3Client(options);
}

/** The store the configuration names; an S3 configuration without a bucket is refused. */
export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  if (config.REPORT_STORE === 'local') return new LocalDirectoryStore(config.REPORT_STORE_DIR);
  if (!config.S3_BUCKET) throw new ConfigError(['S3_BUCKET: is required when REPORT_STORE=s3']);
  return new S3ObjectStore({ client: s3ClientFor(config), bucket: config.S3_BUCKET });
}
