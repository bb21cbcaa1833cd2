import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationCost, readFieldCosts } from './cost';

const SDL = `
  directive @cost(weight: Int!) on FIELD_DEFINITION
  directive @cost__listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    studios(first: Int): StudioPage! @cost__listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["nodes"], requireOneSlicingArgument: false)
    metrics(year: Int!): Metrics! @cost(weight: 1000)
    tags: [String!]!
  }
  type Mutation { rename(name: String!): Studio! }
  type StudioPage { nodes: [Studio!]! totalCount: Int! @cost(weight: 10) }
  type Studio { id: ID! name: String! host: Teacher members: [Teacher!]! @cost__listSize(assumedSize: 40) }
  type Teacher { id: ID! name: String! }
  type Metrics { activities: Int! }
`;
const schema = buildSchema(SDL);
const costs = readFieldCosts(SDL);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables, costs);
}

describe('the cost of an operation', () => {
  it('prices objects at 1 and scalars at 0, unless a field declares its weight', () => {
    expect(cost('{ metrics(year: 2025) { activities } }')).toBe(1000);
    expect(cost('{ tags }')).toBe(0);
  });

  it("multiplies a page's children by its first argument, literal or variable, else its assumed size", () => {
    // studios 1 + 10 × (node 1 + host 1)
    expect(cost('{ studios(first: 10) { nodes { name host { name } } } }')).toBe(1 + 10 * 2);
    expect(cost('query ($n: Int) { studios(first: $n) { nodes { id } } }', { n: 50 })).toBe(1 + 50);
    expect(cost('{ studios { nodes { id } } }')).toBe(1 + 20);
    expect(cost('{ studios(first: 10) { totalCount } }')).toBe(1 + 10);
  });

  it('prices a page above the largest page size as the largest page, and nonsense as the largest too', () => {
    expect(cost('{ studios(first: 1000000) { nodes { id } } }')).toBe(1 + 100);
    expect(cost('query ($n: Int) { studios(first: $n) { nodes { id } } }', { n: 'x' })).toBe(1 + 100);
  });

  it('multiplies nested lists by their assumed sizes', () => {
    expect(cost('{ studios(first: 10) { nodes { members { name } } } }')).toBe(1 + 10 * (1 + 40));
  });

  it('counts every alias and every fragment, and introspection as nothing', () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `m${i}: metrics(year: 2025) { activities }`).join(
      ' ',
    );
    expect(cost(`{ ${aliases} }`)).toBe(20_000);
    expect(
      cost(
        `{ studios(first: 5) { nodes { ...S ... on Studio { host { id } } } } } fragment S on Studio { host { id } }`,
      ),
    ).toBe(1 + 5 * (1 + 1 + 1));
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('weighs a mutation above a read of the same shape', () => {
    expect(cost('mutation { rename(name: "x") { id } }')).toBe(10);
  });
});
