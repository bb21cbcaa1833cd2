import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';

export const EVALUATION_SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

/** The subgraph's SDL, parsed once: the schema it serves, and the order its enums declare (`enumOrder`). */
export const evaluationSchema: DocumentNode = gql(readFileSync(EVALUATION_SCHEMA_PATH, 'utf8'));
