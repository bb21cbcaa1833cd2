import { trace } from '@opentelemetry/api';
import { activeTraceCarrier, isTracing, startTracing, tracingConfigured } from './index';

describe('tracing', () => {
  it('is asked for by an OTLP endpoint for traces or for every signal, and by nothing else', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(
      tracingConfigured({ OTEL_SERVICE_NAME: 'gateway', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    ).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
  });

  it('starts nothing without an endpoint: the tracer provider stays the no-op one', () => {
    expect(startTracing('personnel', {})).toBe(false);
    expect(isTracing()).toBe(false);
    const span = trace.getTracer('test').startSpan('work');
    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(false);
    span.end();
    // Nothing is stored beside an outbox row or a fund event either.
    expect(activeTraceCarrier()).toBeNull();
  });
});
