import { getOperationAST, parse, print } from 'graphql';
import { tailQuery } from './tail-query';

const rewrite = (source: string) => {
  const document = parse(source);
  return tailQuery(document, getOperationAST(document)!);
};

describe('a subscription as the tail of its query', () => {
  it('selects the subscriber’s fields on each node, with the position as the cursor', () => {
    const tail = rewrite(`subscription { fundEvents { id type workshop { name } } }`);
    expect(print(tail.document)).toBe(
      print(
        parse(`query SubscriptionTail($__tailAfter: String, $__tailFirst: Int) {
          fundEvents(after: $__tailAfter, first: $__tailFirst) {
            nodes { __tailCursor: position id type workshop { name } }
          }
        }`),
      ),
    );
    expect(tail.responseKey).toBe('fundEvents');
    expect(tail.initialAfter).toBeNull();
  });

  it('keeps the filter, the fragments and the variables they use, and the alias', () => {
    const tail = rewrite(`subscription Live($after: String, $region: ID) {
      money: fundEvents(after: $after, filter: { regionCode: $region }) { ...Event }
    }
    fragment Event on FundEvent { id amount }`);
    const printed = print(tail.document);
    expect(printed).toContain('query SubscriptionTail($region: ID, $__tailAfter: String, $__tailFirst: Int)');
    expect(printed).toContain('money: fundEvents(');
    expect(printed).toContain('filter: {regionCode: $region}');
    expect(printed).toContain('fragment Event on FundEvent');
    // The client's $after only set where the tail starts; the tail's own cursor replaces it.
    expect(printed).not.toContain('$after');
    expect(tail.responseKey).toBe('money');
    expect(tail.initialAfter).toEqual(expect.objectContaining({ kind: 'Variable' }));
  });

  it('refuses what it does not serve', () => {
    expect(() => rewrite(`query { fundEvents { nodes { id } } }`)).toThrow(/Only subscriptions/);
    expect(() => rewrite(`subscription { fundEvents { id } other: fundEvents { id } }`)).toThrow(
      /exactly one field/,
    );
    expect(() => rewrite(`subscription { teachers { id } }`)).toThrow(/not served/);
  });
});
