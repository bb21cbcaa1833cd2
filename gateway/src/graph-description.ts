import { Kind, parse, print, visit, type StringValueNode } from 'graphql';

/**
 * What the graph as a whole serves, shown by the explorer and introspection. Composition gives the
 * supergraph's Query one subgraph's description (personnel's "The personnel subgraph: …", since
 * each subgraph describes itself on its Query type), which then describes the whole graph wrongly.
 */
export const GRAPH_DESCRIPTION = `Mingshi Graph (名师工作室图谱): one graph for the education bureaus of a province, its cities
and counties, and the people they serve.

- personnel: regions (行政区划), schools, teachers, talent titles (人才称号) and continuing-education hours
- workshop: master-teacher studios (名师工作室) from founding to renewal — hosts, members and trainees
  (双向选择), activities, research, outcomes, support agreements, metrics and completion certificates

Every read is limited to the caller's region scope and role; see docs/roles.md.`;

/** The supergraph with the graph's own description on its schema and its Query type. */
export function describeGraph(supergraphSdl: string): string {
  const description: StringValueNode = { kind: Kind.STRING, value: GRAPH_DESCRIPTION, block: true };
  return print(
    visit(parse(supergraphSdl), {
      SchemaDefinition: (node) => ({ ...node, description }),
      ObjectTypeDefinition: (node) => (node.name.value === 'Query' ? { ...node, description } : undefined),
    }),
  );
}
