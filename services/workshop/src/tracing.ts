// main.ts's first import: tracing starts before http, pg and ioredis are required, so they are instrumented.
import { startTracing } from '@mingshi/telemetry';

startTracing('workshop');
