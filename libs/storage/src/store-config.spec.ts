import { ConfigError, loadConfig } from '@mingshi/config';
import path from 'node:path';
import { LocalDirectoryStore } from './local-directory-store';
import { S3ObjectStore } from './s3-object-store';
import { createObjectStore, objectStoreEnv, s3ClientFor, type ObjectStoreConfig } from './store-config';

const configFrom = (env: NodeJS.ProcessEnv) => loadConfig(objectStoreEnv(env), env);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    configFrom(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('object store configuration', () => {
  it('defaults to a local directory var/report-files under the working directory', () => {
    const config = configFrom({});
    expect(config).toMatchObject({
      REPORT_STORE: 'local',
      REPORT_STORE_DIR: path.join(process.cwd(), 'var', 'report-files'),
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: false,
    });
    const store = createObjectStore(config);
    expect(store).toBeInstanceOf(LocalDirectoryStore);
    expect((store as LocalDirectoryStore).root).toBe(path.join(process.cwd(), 'var', 'report-files'));
  });

  it('takes a relative REPORT_STORE_DIR from the working directory and an absolute one as it is', () => {
    expect(configFrom({ REPORT_STORE_DIR: 'data/files' }).REPORT_STORE_DIR).toBe(
      path.join(process.cwd(), 'data/files'),
    );
    expect(configFrom({ REPORT_STORE_DIR: '/srv/reports' }).REPORT_STORE_DIR).toBe('/srv/reports');
  });

  it('refuses an s3 store without a bucket, naming the variable', () => {
    expect(problemsOf({ REPORT_STORE: 's3' })).toEqual(['S3_BUCKET: is required when REPORT_STORE=s3']);
  });

  it('refuses a half key pair and a malformed endpoint, all at once', () => {
    expect(
      problemsOf({ REPORT_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id', S3_ENDPOINT: 'minio:9000' }),
    ).toEqual([
      expect.stringMatching(/^S3_ENDPOINT: /),
      'S3_SECRET_ACCESS_KEY: is required when S3_ACCESS_KEY_ID is set',
    ]);
    expect(problemsOf({ S3_SECRET_ACCESS_KEY: 'secret' })).toEqual([
      'S3_ACCESS_KEY_ID: is required when S3_SECRET_ACCESS_KEY is set',
    ]);
    expect(problemsOf({ REPORT_STORE: 'disk' })).toEqual([expect.stringMatching(/^REPORT_STORE: /)]);
  });

  it('refuses a bucketless s3 configuration given to createObjectStore directly', () => {
    const config: ObjectStoreConfig = { ...configFrom({}), REPORT_STORE: 's3' };
    expect(() => createObjectStore(config)).toThrow(ConfigError);
    expect(() => createObjectStore(config)).toThrow(/S3_BUCKET: is required when REPORT_STORE=s3/);
  });

  it('addresses a custom endpoint path-style with checksums only where required', async () => {
    const env = {
      REPORT_STORE: 's3',
      S3_BUCKET: 'reports',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'cn-north-1',
    };
    const config = configFrom(env);
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    const client = s3ClientFor(config);
    try {
      expect(client.config.forcePathStyle).toBe(true);
      expect(await client.config.region()).toBe('cn-north-1');
      expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
      expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    } finally {
      client.destroy();
    }
    const store = createObjectStore(config);
    expect(store).toBeInstanceOf(S3ObjectStore);
    await (store as S3ObjectStore).close();
  });

  it('leaves AWS S3 virtual-hosted with the SDK default checksums', async () => {
    const config = configFrom({ REPORT_STORE: 's3', S3_BUCKET: 'reports' });
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
    const client = s3ClientFor(config);
    try {
      expect(client.config.forcePathStyle).toBe(false);
      expect(await client.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
    } finally {
      client.destroy();
    }
  });

  it('uses static credentials when both halves are given, and lets S3_FORCE_PATH_STYLE override', async () => {
    const config = configFrom({
      REPORT_STORE: 's3',
      S3_BUCKET: 'reports',
      S3_ENDPOINT: 'https://oss.example.cn',
      S3_FORCE_PATH_STYLE: 'false',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
    const client = s3ClientFor(config);
    try {
      await expect(client.config.credentials()).resolves.toMatchObject({
        accessKeyId: 'id',
        secretAccessKey: 'secret',
      });
    } finally {
      client.destroy();
    }
  });
});
