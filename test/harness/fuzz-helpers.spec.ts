import { GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql';
import { graphqlLiteral, requestBody } from './graphql-literal';
import { rawNumber, showsNothing } from './fuzz-values';
import { hasRawCharacters } from './fuzz-verdict';

const Stage = new GraphQLEnumType({ name: 'Stage', values: { PRIMARY: {} } });
const Input = new GraphQLInputObjectType({
  name: 'Input',
  fields: { stages: { type: new GraphQLList(new GraphQLNonNull(Stage)) }, name: { type: GraphQLString } },
});

describe('the fuzzer writes hostile values as sent', () => {
  it('writes enum-shaped strings bare in enum positions and quotes everything else', () => {
    expect(graphqlLiteral({ stages: ['NOT_A_VALUE', '', 'true'], name: 'PRIMARY' }, Input)).toBe(
      '{stages: [NOT_A_VALUE, "", "true"], name: "PRIMARY"}',
    );
  });

  it('escapes control characters and lone surrogates in string literals', () => {
    expect(graphqlLiteral('a\u0000\ud800', GraphQLString)).toBe('"a\\u0000\\ud800"');
  });

  it('writes a number JavaScript cannot hold digit for digit, in literals and request bodies', () => {
    expect(graphqlLiteral(rawNumber('9007199254740993'), undefined)).toBe('9007199254740993');
    expect(requestBody('q', { n: rawNumber('9007199254740993'), s: 'x' })).toBe(
      '{"query":"q","variables":{"n":9007199254740993,"s":"x"}}',
    );
  });
});

describe('the fuzzer judges characters as a reader sees them', () => {
  it('finds raw controls, bidi overrides and lone surrogates, not paired surrogates or CJK', () => {
    expect(['a\u0000', 'a\u202e', 'a\ud800b', 'a\udc00'].map(hasRawCharacters)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['名师 😀', 'got "\\u0000"'].map(hasRawCharacters)).toEqual([false, false]);
  });

  it('sees text of only zero-width, bidi and control characters as showing nothing', () => {
    expect(['\u200b\u2060\ufeff', '\u202e ', '\u0001\u007f', '名'].map(showsNothing)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
