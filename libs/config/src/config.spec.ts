import { ConfigError, DEV_DEFAULTS, listenHost, loadConfig, serviceEnv } from './index';

describe('loadConfig', () => {
  const valid = {
    DATABASE_URL: 'postgres://app:pw@localhost:5432/mingshi',
    REDIS_URL: 'redis://localhost:6379',
    GATEWAY_IDENTITY_SECRET: 'x'.repeat(32),
  };

  it('reads a valid environment with defaults', () => {
    expect(loadConfig(serviceEnv, valid)).toMatchObject({
      ...valid,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
    });
  });

  it('reads the replicas only when DATABASE_READ_URL is set, and checks it as DATABASE_URL', () => {
    expect(loadConfig(serviceEnv, valid).DATABASE_READ_URL).toBeUndefined();
    expect(loadConfig(serviceEnv, { ...valid, DATABASE_READ_URL: '' }).DATABASE_READ_URL).toBeUndefined();
    const replicas = 'postgresql://app:pw@mingshi-db-ro:5432/mingshi';
    expect(loadConfig(serviceEnv, { ...valid, DATABASE_READ_URL: replicas }).DATABASE_READ_URL).toBe(
      replicas,
    );
    expect(() => loadConfig(serviceEnv, { ...valid, DATABASE_READ_URL: 'mysql://replica' })).toThrow(
      /DATABASE_READ_URL: must start with postgres:\/\//,
    );
  });

  it('refuses the public development secrets in production', () => {
    const env = {
      ...valid,
      NODE_ENV: 'production',
      GATEWAY_IDENTITY_SECRET: DEV_DEFAULTS.GATEWAY_IDENTITY_SECRET,
    };
    expect(() => loadConfig(serviceEnv, env)).toThrow(
      /GATEWAY_IDENTITY_SECRET: is the public development default/,
    );
    expect(() => loadConfig(serviceEnv, { ...env, NODE_ENV: 'development' })).not.toThrow();
  });

  it('names every missing or bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(serviceEnv, { DATABASE_URL: 'mysql://nope', GATEWAY_IDENTITY_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(message).toMatch(/REDIS_URL: is required/);
    expect(message).toMatch(/GATEWAY_IDENTITY_SECRET: must be at least 32 characters/);
  });

  it('listens on loopback in development and test, on every interface in production, unless HOST says', () => {
    const host = (env: NodeJS.ProcessEnv) => loadConfig({ HOST: listenHost(env) }, env).HOST;
    expect(host({})).toBe('127.0.0.1');
    expect(host({ NODE_ENV: 'test' })).toBe('127.0.0.1');
    expect(host({ NODE_ENV: 'production' })).toBe('0.0.0.0');
    expect(host({ HOST: '10.0.0.5' })).toBe('10.0.0.5');
    expect(host({ NODE_ENV: 'production', HOST: '127.0.0.1' })).toBe('127.0.0.1');
  });
});
