import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';

export const PERSONNEL_SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

/** The subgraph's SDL, parsed once: the schema it serves, and the order its enums declare. */
export const personnelSchema: DocumentNode = gql(readFileSync(PERSONNEL_SCHEMA_PATH, 'utf8'));

const declared = new Map<string, readonly string[]>();

/**
 * An enum's values in the order the schema declares them (ranks from 正高级 down, subjects as the
 * bureaus list them). Aggregates and orders follow it, so the SDL is the one place that order lives.
 */
export function declarationOrder(enumName: string): readonly string[] {
  let values = declared.get(enumName);
  if (!values) {
    const definition = personnelSchema.definitions.find(
      (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === enumName,
    );
    if (definition?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`No enum ${enumName} in the schema`);
    values = (definition.values ?? []).map((value) => value.name.value);
    declared.set(enumName, values);
  }
  return values;
}
