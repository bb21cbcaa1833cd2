import { ConfigError, loadConfig } from '@mingshi/config';
import { SERVICE_PARTS, processPartsSetting } from './process-parts';

describe('MINGSHI_PARTS', () => {
  const parts = (service: keyof typeof SERVICE_PARTS, value?: string) =>
    loadConfig(
      { MINGSHI_PARTS: processPartsSetting(service) },
      value === undefined ? {} : { MINGSHI_PARTS: value },
    ).MINGSHI_PARTS;
  const refusal = (service: keyof typeof SERVICE_PARTS, value: string) => {
    try {
      parts(service, value);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error(`${value} was accepted`);
  };

  it('runs every part of the service when unset or empty', () => {
    expect(parts('finance')).toEqual(['graph', 'consumer', 'relay', 'sections', 'webhooks']);
    expect(parts('reports', '')).toEqual(['graph', 'assembly']);
  });

  it('runs the parts named, in the order SERVICE_PARTS lists them, each once', () => {
    expect(parts('workshop', 'relay')).toEqual(['relay']);
    expect(parts('finance', ' webhooks, consumer ,,consumer')).toEqual(['consumer', 'webhooks']);
  });

  it('refuses a name that is no part at all, saying what the service runs', () => {
    expect(refusal('finance', 'bogus')).toEqual([
      'MINGSHI_PARTS: "bogus" is not a part of finance; finance runs graph, consumer, relay, sections, webhooks',
    ]);
  });

  it("refuses another service's part, naming the service that runs it", () => {
    expect(refusal('personnel', 'graph,relay,assembly')).toEqual([
      'MINGSHI_PARTS: "relay" is not a part of personnel, but of workshop, finance, evaluation; personnel runs graph, consumer, sections',
      'MINGSHI_PARTS: "assembly" is not a part of personnel, but of reports; personnel runs graph, consumer, sections',
    ]);
  });
});
