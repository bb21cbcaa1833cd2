/**
 * Development defaults, used by `npm start`, `npm run token` and the tests when the variables are
 * not set. They are public, so the gateway refuses JWT_SECRET in production (see gateway/src/config.ts).
 */
export const DEV_DEFAULTS = {
  JWT_SECRET: 'mingshi-development-jwt-secret-change-me',
  GATEWAY_IDENTITY_SECRET: 'mingshi-development-gateway-identity-secret',
  DB_OWNER_PASSWORD: 'mingshi-owner-dev',
  DB_APP_PASSWORD: 'mingshi-app-dev',
} as const;
