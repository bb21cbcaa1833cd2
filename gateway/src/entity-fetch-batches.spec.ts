import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, type GraphQLFormattedError } from 'graphql';
import gql from 'graphql-tag';
import { EntityFetchBatches, type EntityFetch, type FetchAnswer } from './entity-fetch-batches';

/** A subgraph of teachers and schools; one school's name fails, as a resolver's error would. */
const schema = buildSubgraphSchema({
  typeDefs: gql`
    type Teacher @key(fields: "id") {
      id: ID!
      name: String!
    }
    type School @key(fields: "id") {
      id: ID!
      name: String
    }
  `,
  resolvers: {
    Teacher: { __resolveReference: ({ id }: { id: string }) => ({ id, name: `teacher ${id}` }) },
    School: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      name: ({ id }: { id: string }) => {
        if (id === 'broken') throw new Error('no name for this school');
        return `school ${id}`;
      },
    },
  },
});

const TEACHERS = `query Page__personnel__1($representations: [_Any!]!) {
  _entities(representations: $representations) { ...TeacherName }
}
fragment TeacherName on Teacher { name }`;
const SCHOOLS = `query Page__personnel__2($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on School { name } }
}`;

/** The subgraph executing each request it is sent, and the requests it was sent. */
function subgraph() {
  const sent: EntityFetch[] = [];
  const batches = new EntityFetchBatches<EntityFetch>(
    (fetch) => fetch,
    async (fetch, merged) => {
      const request = merged ?? fetch;
      sent.push(request);
      const result = await graphql({ schema, source: request.query, variableValues: request.variables });
      return JSON.parse(JSON.stringify(result)) as FetchAnswer;
    },
  );
  return { sent, batcher: batches.forRequest() };
}

const teachers = (...ids: string[]) => ({
  query: TEACHERS,
  variables: { representations: ids.map((id) => ({ __typename: 'Teacher', id })) },
});
const schools = (...ids: string[]) => ({
  query: SCHOOLS,
  variables: { representations: ids.map((id) => ({ __typename: 'School', id })) },
});

describe('entity fetches sent together', () => {
  it('sends fetches of the same moment as one request and gives each its own answer', async () => {
    const { sent, batcher } = subgraph();
    const [a, b] = await Promise.all([batcher.load(teachers('t1', 't2')), batcher.load(schools('s1'))]);
    expect(sent).toHaveLength(1);
    expect(a).toEqual({ data: { _entities: [{ name: 'teacher t1' }, { name: 'teacher t2' }] } });
    expect(b).toEqual({ data: { _entities: [{ name: 'school s1' }] } });
  });

  it('gives an error to the fetch it belongs to, at the path it would have had alone', async () => {
    const { sent, batcher } = subgraph();
    const [a, b] = await Promise.all([batcher.load(teachers('t1')), batcher.load(schools('s1', 'broken'))]);
    expect(sent).toHaveLength(1);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual({ _entities: [{ name: 'school s1' }, { name: null }] });
    expect(b.errors?.map((e: GraphQLFormattedError) => [e.message, e.path])).toEqual([
      ['no name for this school', ['_entities', 1, 'name']],
    ]);
  });

  it('sends a lone fetch, one of a later moment, and anything but an entities query as they came', async () => {
    const { sent, batcher } = subgraph();
    await batcher.load(teachers('t1'));
    await batcher.load(schools('s1'));
    const other = { query: '{ _service { sdl } }' };
    const [, service] = await Promise.all([batcher.load(teachers('t2')), batcher.load(other)]);
    expect(sent.map((fetch) => fetch.query)).toEqual([TEACHERS, SCHOOLS, TEACHERS, other.query]);
    expect(service.data).toHaveProperty('_service.sdl');
  });
});
