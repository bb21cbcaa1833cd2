import {
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { isRequired, printValue, requiredArguments, valueFor, type ValueHints } from './argument-values';
import type { Observation, ProbeRequests } from './probe-requests';
import type { QueryBudget } from './query-budget';
import { fullSelections, keyOnlySelections, type Selection } from './schema-walk';
import type { TokenRequest } from './system';

/**
 * Every root field of a schema called as one caller: each with arguments made from its types, each
 * id-like argument with every planted id, each answer read in full and with references selected by
 * their key alone — in as many requests as the gateway's limits need.
 */

/** Lists are asked for a whole page (the most a connection returns). */
const PAGE_SIZE = 100;

export interface ProbeOptions {
  /**
   * How many levels of nested objects below a root field are read in full: for a field returning
   * one object, and for a page — whose every field costs a hundred times as much against the limit.
   */
  depth: { single: number; page: number };
  hints: ValueHints;
  /** Every planted id, for arguments that take one. */
  ids: string[];
  /** Every planted region code, for arguments named `…code`. */
  regionCodes: string[];
}

export class QueryProbe {
  private readonly parts = new Map<string, Selection[][]>();
  private calls: Selection[] | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly budget: QueryBudget,
    private readonly requests: ProbeRequests,
    private readonly options: ProbeOptions,
  ) {}

  private get query(): GraphQLObjectType {
    return this.schema.getQueryType()!;
  }

  /** The root calls: one per field, or one per planted id for a field with an id-like argument. */
  rootCalls(): Selection[] {
    this.calls ??= Object.values(this.query.getFields()).flatMap((field) =>
      this.bindings(field).map((args) => ({
        key: field.name,
        field: field.name,
        args,
        typeName: getNamedType(field.type).name,
        children: [],
      })),
    );
    return this.calls;
  }

  /**
   * Runs every root call as `caller`. A call naming an id first reads the object's own scalars; only
   * what comes back non-null is read further, since a refused lookup is refused whatever it selects.
   */
  async run(caller: TokenRequest, observe: (observation: Observation) => void): Promise<void> {
    const calls = this.rootCalls();
    const byId = calls.filter((call) => this.idArguments(this.fieldOf(call)).length);
    const explore = calls.filter((call) => !byId.includes(call));
    await this.requests.send(
      caller,
      byId.map((call) => ({ ...call, children: this.ownScalars(call) })),
      'query',
      (observation) => {
        observe(observation);
        if (observation.data !== null && observation.data !== undefined) {
          explore.push(byId.find((call) => sameCall(call, observation.call))!);
        }
      },
    );
    const pieces = explore.flatMap((call) => this.partsOf(call).map((part) => ({ ...call, children: part })));
    await this.sendPeeling(caller, pieces, observe);
  }

  /**
   * Sends calls, and again without every field the caller has been refused anywhere: a refused
   * non-null field nulls the object around it (up to the whole call), which would hide whatever else
   * that object let through. Refusals are learnt by schema field, since an error's path can be
   * reported on another object than the one that hid the data.
   */
  private async sendPeeling(
    caller: TokenRequest,
    calls: Selection[],
    observe: (observation: Observation) => void,
  ): Promise<void> {
    const refused = new Set<string>();
    let round = calls;
    while (round.length) {
      const known = refused.size;
      const hidden: Selection[] = [];
      await this.requests.send(caller, round, 'query', (observation) => {
        observe(observation);
        const below = observation.errors.filter((error) => !error.path || error.path.length > 1);
        for (const error of below) {
          const coordinate = error.path && coordinateAt(observation.call, error.path.slice(1));
          if (coordinate) refused.add(coordinate);
        }
        if (below.length) hidden.push(observation.call);
      });
      // Another round only when this one learnt a refused field: otherwise it would ask the same again.
      round = refused.size > known ? hidden.flatMap((call) => withoutFields(call, refused) ?? []) : [];
    }
  }

  private fieldOf(call: Selection): GraphQLField<unknown, unknown> {
    return this.query.getFields()[call.field]!;
  }

  private idArguments(field: GraphQLField<unknown, unknown>): GraphQLArgument[] {
    return field.args.filter((arg) => getNamedType(arg.type).name === 'ID');
  }

  private bindings(field: GraphQLField<unknown, unknown>): Record<string, string>[] {
    const idArguments = this.idArguments(field);
    const base: Record<string, string> = {};
    for (const arg of field.args) {
      if (idArguments.includes(arg)) continue;
      if (isRequired(arg))
        base[arg.name] = this.print(arg, valueFor(arg.name, arg.type, field.name, this.options.hints));
      else if (arg.name === 'first') base[arg.name] = String(PAGE_SIZE);
    }
    if (!idArguments.length) return [base];
    const bindings = idArguments.some(isRequired) ? [] : [base];
    for (const varied of idArguments) {
      // Other required id-like arguments keep their first candidate while this one varies.
      const fixed = Object.fromEntries(
        idArguments
          .filter((arg) => arg !== varied && isRequired(arg))
          .map((arg) => [arg.name, this.print(arg, this.candidates(arg)[0])]),
      );
      for (const id of this.candidates(varied)) {
        bindings.push({ ...base, ...fixed, [varied.name]: this.print(varied, id) });
      }
    }
    return bindings;
  }

  private candidates(arg: GraphQLArgument): string[] {
    return /code$/i.test(arg.name) ? this.options.regionCodes : this.options.ids;
  }

  private print(arg: GraphQLArgument, value: unknown): string {
    return printValue(value, arg.type);
  }

  /** The scalars of the object a call returns, without arguments: enough to tell null from found. */
  private ownScalars(call: Selection): Selection[] {
    const type = this.schema.getType(call.typeName);
    if (!isObjectType(type)) return [];
    return Object.values(type.getFields())
      .filter((field) => isLeafType(getNamedType(field.type)) && !field.args.some(isRequired))
      .map((field) => ({
        key: field.name,
        field: field.name,
        args: {},
        typeName: getNamedType(field.type).name,
        children: [],
      }));
  }

  /** A call's selections — in full, then key-only by depth — split to fit the limits; one split per field. */
  private partsOf(call: Selection): Selection[][] {
    const type = this.schema.getType(call.typeName);
    if (!isObjectType(type)) return [[]];
    const cached = this.parts.get(call.field);
    if (cached) return cached;
    const hints = this.options.hints;
    const paged = this.fieldOf(call).args.some((arg) => arg.name === 'first');
    const depth = paged ? this.options.depth.page : this.options.depth.single;
    const full = fullSelections(type, depth, (field, owner) =>
      requiredArguments(field.args, owner.name, hints),
    );
    // Split under the longest binding of the field, so the parts fit under every binding.
    const widest = this.rootCalls()
      .filter((c) => c.field === call.field)
      .sort((a, b) => JSON.stringify(b.args).length - JSON.stringify(a.args).length)[0]!;
    const parts = [full, ...keyOnlySelections(full, this.schema)].flatMap((selections) =>
      this.budget.split(widest, selections),
    );
    this.parts.set(call.field, parts);
    return parts;
  }
}

/** The schema field (`Region.teachers`) selected at a response path below `call`. */
function coordinateAt(call: Selection, path: readonly (string | number)[]): string | null {
  const steps = path.filter((step): step is string => typeof step === 'string');
  let parent = call;
  for (const [i, step] of steps.entries()) {
    const field = parent.children.find((child) => child.key === step);
    if (!field) return null;
    if (i === steps.length - 1) return `${parent.typeName}.${field.field}`;
    parent = field;
  }
  return null;
}

/** The call without any of the `refused` schema fields, or null when it has none of them or nothing is left. */
function withoutFields(call: Selection, refused: ReadonlySet<string>): Selection | null {
  let removed = false;
  const prune = (parent: Selection): Selection[] =>
    parent.children.flatMap((child) => {
      if (refused.has(`${parent.typeName}.${child.field}`)) {
        removed = true;
        return [];
      }
      if (!child.children.length) return [child];
      const children = prune(child);
      return children.length ? [{ ...child, children }] : [];
    });
  const children = prune(call);
  return removed && children.length ? { ...call, children } : null;
}

function sameCall(a: Selection, b: Selection): boolean {
  return a.field === b.field && JSON.stringify(a.args) === JSON.stringify(b.args);
}
