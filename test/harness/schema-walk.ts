import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { TestSystem, TokenRequest } from './system';

/**
 * Selection sets generated from the composed schema, so that a probe covers fields and subgraphs
 * added later without anyone writing a query for them.
 */

/** One field of a generated selection set; `children` is empty for a scalar or enum field. */
export interface Selection {
  /** The response key: the field's name, or the alias of a root call. */
  key: string;
  field: string;
  /** Arguments, already printed as GraphQL literals. */
  args: Record<string, string>;
  /** The field's named type, to read the response back by type. */
  typeName: string;
  children: Selection[];
}

/** The supergraph as the gateway serves it, read by introspection (which needs a signed-in caller). */
export async function introspectGateway(system: TestSystem, caller: TokenRequest): Promise<GraphQLSchema> {
  const response = await system.gql<IntrospectionQuery>(caller, getIntrospectionQuery());
  if (!response.data) throw new Error(`introspection failed: ${JSON.stringify(response.errors)}`);
  return buildClientSchema(response.data);
}

/** Prints arguments for a field from already printed literals. */
function printArguments(args: Record<string, string>): string {
  const entries = Object.entries(args);
  return entries.length ? `(${entries.map(([name, value]) => `${name}: ${value}`).join(', ')})` : '';
}

/** Selections as GraphQL text, aliases and arguments included. */
export function printSelections(selections: Selection[]): string {
  return selections
    .map((s) => {
      const head = s.key === s.field ? s.field : `${s.key}: ${s.field}`;
      const body = s.children.length ? ` { ${printSelections(s.children)} }` : '';
      return `${head}${printArguments(s.args)}${body}`;
    })
    .join(' ');
}

/** One field call as a reader would write it, for reports: `teacher(id: "…")`. */
export function describeCall(selection: Pick<Selection, 'field' | 'args'>): string {
  return `${selection.field}${printArguments(selection.args)}`;
}

/** The union of two selection sets, merged field by field on their response keys. */
export function mergeSelections(a: Selection[], b: Selection[]): Selection[] {
  const merged = [...a];
  for (const selection of b) {
    const index = merged.findIndex((existing) => existing.key === selection.key);
    if (index < 0) merged.push(selection);
    else
      merged[index] = {
        ...merged[index]!,
        children: mergeSelections(merged[index]!.children, selection.children),
      };
  }
  return merged;
}

/**
 * The fields that identify an object of `type`: its non-null ID fields (`id`, a region's `code`).
 * Selecting only these is what lets the gateway answer a reference without asking its owner.
 */
export function keySelections(type: GraphQLObjectType): Selection[] {
  return Object.values(type.getFields())
    .filter(
      (field) =>
        isNonNullType(field.type) &&
        getNamedType(field.type).name === 'ID' &&
        field.args.every((arg) => !isNonNullType(arg.type)),
    )
    .map((field) => ({ key: field.name, field: field.name, args: {}, typeName: 'ID', children: [] }));
}

/** Arguments for a field below the root: the required ones only, printed (see argument-values.ts). */
export type NestedArguments = (
  field: GraphQLField<unknown, unknown>,
  owner: GraphQLObjectType,
) => Record<string, string>;

/**
 * The fields of `type` down to `depth` levels of nested objects: every scalar and enum, and each object
 * field with its own fields in turn. Each object type is expanded in full once, where it first occurs
 * (breadth first, so at its shallowest); elsewhere it gets its scalars and the keys of its object
 * fields, since what lies below a type is resolved the same way whichever path reached it. An object
 * type already on the path, or past the depth, is selected by its key only, so references are still
 * read; abstract types by `__typename`.
 */
export function fullSelections(
  type: GraphQLObjectType,
  depth: number,
  nestedArguments: NestedArguments,
): Selection[] {
  interface Pending {
    children: Selection[];
    type: GraphQLObjectType;
    depth: number;
    path: ReadonlySet<string>;
  }
  const expanded = new Set<string>();
  const objects = new Set<Selection>();
  const top: Pending = { children: [], type, depth, path: new Set() };
  const queue: Pending[] = [top];
  while (queue.length) {
    const node = queue.shift()!;
    const path = new Set([...node.path, node.type.name]);
    const full = !expanded.has(node.type.name);
    expanded.add(node.type.name);
    for (const field of Object.values(node.type.getFields())) {
      const named = getNamedType(field.type);
      const selection: Selection = {
        key: field.name,
        field: field.name,
        args: nestedArguments(field, node.type),
        typeName: named.name,
        children: [],
      };
      if (isLeafType(named)) {
        node.children.push(selection);
      } else if (isAbstractType(named)) {
        node.children.push({ ...selection, children: [typenameSelection()] });
      } else if (isObjectType(named)) {
        if (!full || node.depth <= 0 || path.has(named.name)) selection.children = keySelections(named);
        else queue.push({ children: selection.children, type: named, depth: node.depth - 1, path });
        objects.add(selection);
        node.children.push(selection);
      }
    }
  }
  // Object fields left with nothing to select (a keyless type past the depth) are dropped.
  const prune = (selections: Selection[]): Selection[] =>
    selections.flatMap((selection) => {
      if (!objects.has(selection)) return [selection];
      const children = prune(selection.children);
      return children.length ? [{ ...selection, children }] : [];
    });
  return prune(top.children);
}

export function typenameSelection(): Selection {
  return { key: '__typename', field: '__typename', args: {}, typeName: 'String', children: [] };
}

/**
 * For every object field in `full`, the path down to it with only the object's key selected at its
 * end — grouped so that no selection in a group continues below another one's end (the paths of a
 * group all end at the same depth). A group is one selection set; each path in it stays key-only.
 */
export function keyOnlySelections(full: Selection[], schema: GraphQLSchema): Selection[][] {
  const byDepth = new Map<number, Selection[]>();
  const visit = (selections: Selection[], above: Selection[]) => {
    for (const selection of selections) {
      if (!selection.children.length) continue;
      const type = schema.getType(selection.typeName);
      const keys = isObjectType(type) ? keySelections(type) : [];
      if (keys.length) {
        let tree: Selection = { ...selection, children: keys };
        for (const parent of [...above].reverse()) tree = { ...parent, children: [tree] };
        byDepth.set(above.length, mergeSelections(byDepth.get(above.length) ?? [], [tree]));
      }
      visit(selection.children, [...above, selection]);
    }
  };
  visit(full, []);
  return [...byDepth.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** Every object type a query can reach from the root, following fields and an abstract type's members. */
export function reachableObjectTypes(schema: GraphQLSchema, root: GraphQLObjectType): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (type.name.startsWith('__') || seen.has(type.name)) return;
    if (isAbstractType(type)) {
      for (const member of schema.getPossibleTypes(type)) visit(member);
    } else if (isObjectType(type)) {
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
    }
  };
  for (const field of Object.values(root.getFields())) visit(getNamedType(field.type));
  return seen;
}
