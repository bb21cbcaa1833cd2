import { readFileSync } from 'node:fs';
import { Kind, parse, type TypeNode } from 'graphql';
import { enumOrder } from '@mingshi/graphql';

/**
 * The values of the enum a field of a subgraph's schema returns, in their declaration order — the
 * order grouped aggregates sort that dimension by. Null when the field is not an enum.
 */
export function fieldEnumValues(schemaFile: string, typeName: string, fieldName: string): string[] | null {
  const document = parse(readFileSync(schemaFile, 'utf8'));
  const type = document.definitions.find(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName,
  );
  if (type?.kind !== Kind.OBJECT_TYPE_DEFINITION) throw new Error(`${schemaFile} has no type ${typeName}`);
  const field = type.fields?.find((f) => f.name.value === fieldName);
  if (!field) throw new Error(`${typeName} has no field ${fieldName}`);
  const named = namedType(field.type);
  const isEnum = document.definitions.some(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === named,
  );
  return isEnum ? [...enumOrder(document, named)] : null;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
