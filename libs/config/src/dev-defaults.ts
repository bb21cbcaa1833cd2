/**
 * Development defaults, used by `npm start` and `npm run token` when the variables are not set.
 * They are public, so production refuses them (see `secret()` and gateway/src/config.ts).
 */
export const DEV_DEFAULTS = {
  JWT_SECRET: 'mingshi-development-jwt-secret-change-me',
  GATEWAY_IDENTITY_SECRET: 'mingshi-development-gateway-identity-secret',
  REPORT_DOWNLOAD_SECRET: 'mingshi-development-report-download-secret',
  DB_OWNER_PASSWORD: 'mingshi-owner-dev',
  DB_APP_PASSWORD: 'mingshi-app-dev',
} as const;
