import DataLoader from 'dataloader';
import {
  GraphQLList,
  GraphQLNonNull,
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { measuredLoaders } from '@mingshi/db';
import type { SubgraphContext } from './context';
import type { SubgraphClient } from './subgraph-client';

/** An entity another subgraph owns, referenced here by its key. */
export interface ForeignEntity {
  /** The subgraph that owns it and so decides who may see it. */
  owner: SubgraphClient;
  /** Its key field (`@key(fields: "id")`); compound keys are not needed yet. */
  key: string;
}

const VISIBLE = `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`;

/**
 * Makes every field of `schema` that returns a foreign entity answer null for a reference the caller
 * may not see. A subgraph holds another's entities by key only, and the gateway answers a selection
 * of just the key (`host { id }`) from that key without asking the owner — so without this, a county
 * would learn the ids of another county's teachers inside a province studio, and a selection of
 * `name` would fail with a non-null error instead of a null reference. The owner is asked once per
 * request and owner (`_entities` with the caller's own identity), whatever the number of fields.
 *
 * Covers every field by type, so a new field returning a foreign entity is guarded without
 * thought. Lists keep their positions: an invisible item is null, or dropped where items are
 * non-null.
 */
export function guardForeignReferences(schema: GraphQLSchema, entities: Record<string, ForeignEntity>): void {
  const visibility = new RequestVisibility(entities);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name;
      if (!(target in entities)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = async (source, args, ctx: SubgraphContext, info) =>
        visibility.filter(ctx, target, field.type, await resolve(source, args, ctx, info));
    }
  }
}

type Reference = Record<string, unknown> | null | undefined;

/**
 * The owner is asked once the references of this turn of the event loop are all in, not at its
 * first pause: a reference read through another loader's cache (a studio's host, loaded with the
 * page) arrives one tick after those resolved synchronously (its host school), because DataLoader
 * answers cache hits when its own batch dispatches.
 */
const LATER_IN_THE_TICK = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

class RequestVisibility {
  /** One loader per request and owner; the WeakMap lets it go with the request's context. */
  private readonly loaders = new WeakMap<SubgraphContext, Map<SubgraphClient, DataLoader<string, boolean>>>();

  constructor(private readonly entities: Record<string, ForeignEntity>) {}

  async filter(
    ctx: SubgraphContext,
    typename: string,
    type: GraphQLOutputType,
    value: unknown,
  ): Promise<unknown> {
    const nullable = type instanceof GraphQLNonNull ? type.ofType : type;
    if (nullable instanceof GraphQLList) {
      if (!Array.isArray(value)) return value;
      const items = await Promise.all(
        value.map((item) => this.visibleOrNull(ctx, typename, item as Reference)),
      );
      return nullable.ofType instanceof GraphQLNonNull ? items.filter((item) => item !== null) : items;
    }
    return this.visibleOrNull(ctx, typename, value as Reference);
  }

  private async visibleOrNull(
    ctx: SubgraphContext,
    typename: string,
    reference: Reference,
  ): Promise<Reference> {
    if (reference == null) return null;
    const entity = this.entities[typename]!;
    const key = reference[entity.key];
    if (typeof key !== 'string') return null;
    return (await this.loader(ctx, entity.owner).load(`${typename}\u0000${key}`)) ? reference : null;
  }

  private loader(ctx: SubgraphContext, owner: SubgraphClient): DataLoader<string, boolean> {
    let byOwner = this.loaders.get(ctx);
    if (!byOwner) this.loaders.set(ctx, (byOwner = new Map()));
    let loader = byOwner.get(owner);
    if (!loader) {
      loader = new DataLoader<string, boolean>(async (keys) => {
        const representations = keys.map((k) => {
          const [typename, key] = k.split('\u0000') as [string, string];
          return { __typename: typename, [this.entities[typename]!.key]: key };
        });
        const data = await owner.request<{ _entities: unknown[] }>(ctx, VISIBLE, { representations });
        return data._entities.map((entity) => entity != null);
      }, LATER_IN_THE_TICK);
      measuredLoaders({ foreignReferences: loader });
      byOwner.set(owner, loader);
    }
    return loader;
  }
}
