import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { isRequired, printValue, valueFor, type ValueHints } from './argument-values';
import { targetId, type TargetSet } from './planted-kinds';
import type { Selection } from './schema-walk';

/**
 * Every mutation of a schema aimed at objects that are not the caller's: each ID argument or input
 * field filled with a planted object of the kind its name says, everything else with plausible values
 * — once with the required fields only and once with every field.
 */

export interface MutationAttempt {
  call: Selection;
  target: TargetSet;
}

export function mutationAttempts(
  schema: GraphQLSchema,
  targets: TargetSet[],
  hints: Omit<ValueHints, 'idFor' | 'complete'>,
): MutationAttempt[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  const attempts: MutationAttempt[] = [];
  for (const field of Object.values(mutation.getFields())) {
    const returned = getNamedType(field.type);
    const printed = new Set<string>();
    for (const target of targets) {
      for (const complete of [false, true]) {
        const fieldHints: ValueHints = {
          ...hints,
          complete,
          // A bare `id` names an object of the type the mutation returns (updateWorkshop → a studio).
          idFor: (name) => targetId(target, name, returned.name),
        };
        const args = Object.fromEntries(
          field.args
            .filter((arg) => complete || isRequired(arg))
            .map((arg) => [
              arg.name,
              printValue(valueFor(arg.name, arg.type, field.name, fieldHints), arg.type),
            ]),
        );
        const text = JSON.stringify(args);
        // Only calls that name someone else's object probe anything; the same call twice probes nothing new.
        if (printed.has(text) || ![...target.foreign].some((id) => text.includes(id))) continue;
        printed.add(text);
        const children: Selection[] = isObjectType(returned)
          ? [{ key: '__typename', field: '__typename', args: {}, typeName: 'String', children: [] }]
          : [];
        attempts.push({
          call: { key: field.name, field: field.name, args, typeName: returned.name, children },
          target,
        });
      }
    }
  }
  return attempts;
}
