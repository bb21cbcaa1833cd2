import { createHash } from 'node:crypto';
import { Lexer, Source, TokenKind, parse, validate, type GraphQLSchema } from 'graphql';
import { queryLimits, type QueryLimits } from '../../gateway/src/limits';
import { mergeSelections, printSelections, type Selection } from './schema-walk';

/**
 * Fits generated selections into the gateway's query limits (depth, aliases, tokens, cost), using
 * the gateway's own validation rules, so that a probe's requests are refused for what they ask and
 * never for their size.
 */
export class QueryBudget {
  private readonly rules;
  /** Packings already worked out: every caller of a probe sends much the same calls. */
  private readonly packings = new Map<string, Selection[][]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
  ) {
    this.rules = queryLimits(limits, false).validationRules;
  }

  fits(document: string): boolean {
    if (countTokens(document) > this.limits.maxTokens) return false;
    try {
      return validate(this.schema, parse(document), this.rules).length === 0;
    } catch {
      // The limit rules throw their refusal rather than report it.
      return false;
    }
  }

  /**
   * Splits `selections` under `root` into as few selection sets as fit the limits one by one, each a
   * part of the whole and together all of it. Throws if a single field path is too big on its own.
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
      } else {
        const smaller = branches(piece);
        if (!smaller) {
          throw new Error(`a single field path exceeds the gateway's limits: ${printSelections([piece])}`);
        }
        smaller.forEach(place);
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
 * A piece split where it first branches: one piece per child there, each keeping the path above.
 * Null for a single unbranched path, which cannot be made smaller.
 */
function branches(piece: Selection): Selection[] | null {
  if (piece.children.length === 0) return null;
  if (piece.children.length > 1) return piece.children.map((child) => ({ ...piece, children: [child] }));
  const below = branches(piece.children[0]!);
  return below && below.map((child) => ({ ...piece, children: [child] }));
}
