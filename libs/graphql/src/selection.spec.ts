import {
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  Kind,
  type FieldNode,
} from 'graphql';
import { selectsField } from './selection';

/** The root field's node of `query`, with its fragments, as a resolver's info would hold them. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('whether a field selects one of its own fields', () => {
  it('finds the field directly, in inline fragments and in named fragments', () => {
    expect(selectsField(infoOf('{ stats { month teachersReached } }'), 'teachersReached')).toBe(true);
    expect(selectsField(infoOf('{ stats { ... on Group { teachersReached } } }'), 'teachersReached')).toBe(
      true,
    );
    expect(
      selectsField(
        infoOf(
          'query { stats { ...F } } fragment F on Group { count ...G } fragment G on Group { teachersReached }',
        ),
        'teachersReached',
      ),
    ).toBe(true);
  });

  it('does not find it when only other fields, or deeper fields of that name, are selected', () => {
    expect(selectsField(infoOf('{ stats { month count } }'), 'teachersReached')).toBe(false);
    expect(
      selectsField(infoOf('query { stats { ...F } } fragment F on Group { count }'), 'teachersReached'),
    ).toBe(false);
  });
});

describe('whether a field selects a path of fields below it', () => {
  it('follows each step through fields and fragments', () => {
    expect(selectsField(infoOf('{ workshops { nodes { name host { id } } } }'), 'nodes', 'host')).toBe(true);
    expect(
      selectsField(
        infoOf('query { workshops { ...Page } } fragment Page on C { nodes { ... on W { host { id } } } }'),
        'nodes',
        'host',
      ),
    ).toBe(true);
  });

  it('does not find a name at another depth, or under another parent', () => {
    expect(selectsField(infoOf('{ workshops { nodes { name } host { id } } }'), 'nodes', 'host')).toBe(false);
    expect(selectsField(infoOf('{ workshops { edges { node { host { id } } } } }'), 'nodes', 'host')).toBe(
      false,
    );
    expect(selectsField(infoOf('{ workshops { nodes { school { host } } } }'), 'nodes', 'host')).toBe(false);
  });
});
