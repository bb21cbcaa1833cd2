import { Kind, type DocumentNode } from 'graphql';

const orders = new WeakMap<DocumentNode, Map<string, readonly string[]>>();

/**
 * An enum's values in the order a subgraph's SDL declares them (ranks from 正高级 down, levels from
 * the province down, subjects as the bureaus list them). Grouped figures, ordered lists and every
 * breakdown that lists an enum's values follow it, so the schema is the one place that order lives.
 * `T` is the enum's generated type. Read once per document and enum.
 */
export function enumOrder<T extends string = string>(document: DocumentNode, enumName: string): readonly T[] {
  let declared = orders.get(document);
  if (!declared) orders.set(document, (declared = new Map()));
  let values = declared.get(enumName);
  if (!values) {
    const definition = document.definitions.find(
      (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === enumName,
    );
    if (definition?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`No enum ${enumName} in the schema`);
    values = (definition.values ?? []).map((value) => value.name.value);
    declared.set(enumName, values);
  }
  return values as readonly T[];
}
