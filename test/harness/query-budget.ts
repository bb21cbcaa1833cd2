import { createHash } from 'node:crypto';
import { Kind, Lexer, Source, TokenKind, parse, validate, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../../gateway/src/compose';
import { operationCost, readFieldCosts, type FieldCost } from '../../gateway/src/cost';
import { queryLimits } from '../../gateway/src/limits';
import { mergeSelections, printSelections, typenameSelection, type Selection } from './schema-walk';

export interface ProbeLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

/**
 * Fits generated selections into the gateway's query limits (depth, aliases, tokens, cost), using
 * the gateway's own validation rules and cost estimate over the supergraph's declared costs, so
 * that a probe's requests are refused for what they ask and never for their size.
 */
export class QueryBudget {
  private readonly rules;
  /** Field paths left out because even alone they cost more than one request may. */
  readonly tooCostly: string[] = [];
  /** Packings already worked out: every caller of a probe sends much the same calls. */
  private readonly packings = new Map<string, Selection[][]>();

  private readonly costs: Map<string, FieldCost>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: ProbeLimits,
  ) {
    const supergraphSdl = composeSupergraph();
    this.rules = queryLimits(limits, false, supergraphSdl).validationRules;
    this.costs = readFieldCosts(supergraphSdl);
  }

  fits(document: string): boolean {
    if (countTokens(document) > this.limits.maxTokens) return false;
    try {
      const parsed = parse(document);
      if (validate(this.schema, parsed, this.rules).length > 0) return false;
      const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      return (
        !!operation && operationCost(this.schema, parsed, operation, {}, this.costs) <= this.limits.maxCost
      );
    } catch {
      // The limit rules throw their refusal rather than report it.
      return false;
    }
  }

  /**
   * Splits `selections` under `root` into as few selection sets as fit the limits one by one, each a
   * part of the whole and together all of it, but for single paths too costly on their own (see
   * tooCostly).
   */
  split(root: Selection, selections: Selection[], kind: OperationKind = 'query'): Selection[][] {
    // Under an alias, as pack() will send it.
    const fitsUnderRoot = (part: Selection[]) =>
      this.fits(printOperation(kind, [{ ...root, key: 'c0', children: part }]));
    const parts: Selection[][] = [];
    let current: Selection[] = [];
    const place = (piece: Selection) => {
      const merged = mergeSelections(current, [piece]);
      if (fitsUnderRoot(merged)) {
        current = merged;
      } else if (current.length && fitsUnderRoot([piece])) {
        parts.push(current);
        current = [piece];
      } else if (!fitsUnderRoot([stubOf(piece)])) {
        // A path of pages within pages (100 teachers × their school's studios × each studio's
        // activities × their participants) is what the cost limit exists to refuse, and no field
        // below it can make it cheaper; the objects at its end are probed by shorter paths and by
        // their own lookups.
        this.tooCostly.push(printSelections([stubOf(piece)]));
      } else {
        branches(piece)!.forEach(place);
      }
    };
    selections.forEach(place);
    if (current.length) parts.push(current);
    return parts;
  }

  /**
   * Packs root calls into as few operations as fit the limits, in order, aliased `c0`, `c1` … With
   * `alone`, one call per operation.
   */
  pack(calls: Selection[], kind: OperationKind = 'query', alone = false): Selection[][] {
    if (alone) return calls.map((call) => [{ ...call, key: 'c0' }]);
    const key = createHash('sha1').update(kind).update(JSON.stringify(calls)).digest('hex');
    const known = this.packings.get(key);
    if (known) return known;
    const operations: Selection[][] = [];
    let current: Selection[] = [];
    for (const call of calls) {
      const candidate = [...current, { ...call, key: `c${current.length}` }];
      if (this.fits(printOperation(kind, candidate))) {
        current = candidate;
      } else {
        if (!current.length)
          throw new Error(`a call exceeds the gateway's limits: ${printSelections([call])}`);
        operations.push(current);
        current = [{ ...call, key: 'c0' }];
      }
    }
    if (current.length) operations.push(current);
    this.packings.set(key, operations);
    return operations;
  }
}

export type OperationKind = 'query' | 'mutation';

export function printOperation(kind: OperationKind, calls: Selection[]): string {
  return `${kind} { ${printSelections(calls)} }`;
}

/** Lexical tokens as the gateway's token limit counts them. */
function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/**
 * The cheapest request that still holds `piece`'s unbranched path: the path down to where it first
 * branches, ending in `__typename`. Costs only grow with fields, so if this does not fit, nothing
 * under the path does.
 */
function stubOf(piece: Selection): Selection {
  if (piece.children.length === 0) return piece;
  if (piece.children.length > 1) return { ...piece, children: [typenameSelection()] };
  return { ...piece, children: [stubOf(piece.children[0]!)] };
}

/**
 * A piece split where it first branches: one piece per child there, each keeping the path above.
 * Null for a single unbranched path, which cannot be made smaller.
 */
function branches(piece: Selection): Selection[] | null {
  if (piece.children.length === 0) return null;
  if (piece.children.length > 1) return piece.children.map((child) => ({ ...piece, children: [child] }));
  const below = branches(piece.children[0]!);
  return below && below.map((child) => ({ ...piece, children: [child] }));
}
