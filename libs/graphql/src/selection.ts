import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` among its own fields, or the path of fields
 * `name, …deeper` below it (through fragments too): for a resolver to leave out work whose only
 * product the client did not ask for — an aggregate that need not count distinct teachers when no
 * one reads the count — or to start early work it knows will be asked for.
 */
export function selectsField(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  name: string,
  ...deeper: string[]
): boolean {
  const path = [name, ...deeper];
  const within = (selectionSet: SelectionSetNode | undefined, depth: number, visited: Set<string>): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value !== path[depth]) return false;
          return depth === path.length - 1 || within(selection.selectionSet, depth + 1, new Set());
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet, depth, visited);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (!fragment || visited.has(fragment.name.value)) return false;
          return within(fragment.selectionSet, depth, new Set([...visited, fragment.name.value]));
        }
      }
    });
  return info.fieldNodes.some((node) => within(node.selectionSet, 0, new Set()));
}
