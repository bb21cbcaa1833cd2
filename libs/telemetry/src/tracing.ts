import type { NodeSDK } from '@opentelemetry/sdk-node';

/** The SDK this process started, if it traces. */
let sdk: NodeSDK | null = null;

/** Whether the environment asks for traces: an OTLP endpoint for them (or for all signals) is set. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Starts OpenTelemetry tracing for this process when an OTLP endpoint is configured, and does
 * nothing at all otherwise: no SDK, no instrumentation, not even its packages loaded, so a process
 * that does not trace pays nothing for being able to.
 *
 * Instrumentations patch modules (http, pg, ioredis) as they are first required, so this must run
 * before any of them is: each process's main.ts imports its `tracing.ts`, which calls this, as its
 * very first import (CommonJS runs imports in order, and tsx compiles to CommonJS here).
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk) return true;
  if (!tracingConfigured(env)) return false;
  // Required here rather than imported above: loading the SDK is the cost not tracing avoids.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = tracingSdk(env.OTEL_SERVICE_NAME || service);
  sdk.start();
  return true;
}

/** Whether this process traces (startTracing started the SDK). */
export function isTracing(): boolean {
  return sdk !== null;
}

/** Sends the spans still buffered and stops the SDK; a process calls it last when it shuts down. */
export async function stopTracing(): Promise<void> {
  const started = sdk;
  sdk = null;
  await started?.shutdown();
}
