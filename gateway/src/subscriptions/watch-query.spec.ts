import { getOperationAST, parse, print } from 'graphql';
import { watchQuery } from './watch-query';

const rewrite = (source: string) => {
  const document = parse(source);
  return watchQuery(document, getOperationAST(document)!);
};

describe('a subscription as a watch of its query', () => {
  it('runs the subscriber’s selection as the query, with the state it stops on added under an alias', () => {
    const watch = rewrite(`subscription ($id: ID!) { reportJob(id: $id) { progress sections { service } } }`);
    expect(print(watch.document)).toBe(
      print(
        parse(`query SubscriptionWatch($id: ID!) {
          reportJob(id: $id) { __watchState: status progress sections { service } }
        }`),
      ),
    );
    expect(watch.responseKey).toBe('reportJob');
    expect(watch.finalStates).toEqual(['SUCCEEDED', 'FAILED', 'CANCELLED']);
  });

  it('keeps the alias, literal arguments, directives, fragments and variables as written', () => {
    const watch = rewrite(`subscription Follow($id: ID!, $withSections: Boolean!) {
      job: reportJob(id: $id) { status ...Progress sections @include(if: $withSections) { progress } }
    }
    fragment Progress on ReportJob { progress error }`);
    expect(print(watch.document)).toBe(
      print(
        parse(`query SubscriptionWatch($id: ID!, $withSections: Boolean!) {
          job: reportJob(id: $id) {
            __watchState: status status ...Progress sections @include(if: $withSections) { progress }
          }
        }
        fragment Progress on ReportJob { progress error }`),
      ),
    );
    expect(watch.responseKey).toBe('job');
    expect(print(rewrite(`subscription { reportJob(id: "7") { id } }`).document)).toContain(
      'reportJob(id: "7")',
    );
  });

  it('refuses what it does not serve', () => {
    expect(() => rewrite(`query { reportJob(id: "1") { status } }`)).toThrow(/Only subscriptions/);
    expect(() =>
      rewrite(`subscription { reportJob(id: "1") { id } again: reportJob(id: "2") { id } }`),
    ).toThrow(/exactly one field/);
    expect(() => rewrite(`subscription { fundEvents { id } }`)).toThrow(/not served/);
  });
});
