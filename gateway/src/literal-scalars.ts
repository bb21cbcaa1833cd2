import {
  GraphQLError,
  Kind,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLScalarType,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * Checks the graph's own scalars (Date, DateTime, Money …) written inline in a query, naming the
 * argument or input field they sit in: `input.startedOn: Date must be …`. The gateway's schema
 * holds these scalars as pass-through, so without this the subgraph would refuse the value with
 * graphql-js's message, which says what is wrong but not where. Values sent as variables are
 * named by their path already (`Variable "$input" … at "input.startedOn"`).
 */
export function literalScalarsRule(scalars: readonly GraphQLScalarType[]): ValidationRule {
  const ours = new Map(scalars.map((scalar) => [scalar.name, scalar]));
  return (context) => {
    const check = (value: ValueNode, type: GraphQLInputType, path: string): void => {
      if (value.kind === Kind.VARIABLE || value.kind === Kind.NULL) return;
      const nullable = getNullableType(type);
      if (isListType(nullable)) {
        if (value.kind === Kind.LIST)
          value.values.forEach((item, i) => check(item, nullable.ofType, `${path}[${i}]`));
        else check(value, nullable.ofType, path);
      } else if (isInputObjectType(nullable)) {
        if (value.kind !== Kind.OBJECT) return;
        const fields = nullable.getFields();
        for (const field of value.fields) {
          const definition = fields[field.name.value];
          if (definition) check(field.value, definition.type, `${path}.${field.name.value}`);
        }
      } else if (isScalarType(nullable) && ours.has(nullable.name)) {
        try {
          ours.get(nullable.name)!.parseLiteral(value, undefined);
        } catch (error) {
          context.reportError(
            new GraphQLError(`${path}: ${(error as Error).message}`, {
              nodes: value,
              extensions: { field: path },
            }),
          );
        }
      }
    };
    return {
      Argument(node) {
        const argument = context.getArgument();
        if (argument) check(node.value, argument.type, node.name.value);
      },
    };
  };
}
