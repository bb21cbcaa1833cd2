import { GraphQLError } from 'graphql';
import { createErrorFormatter } from './errors';

describe('the error formatter', () => {
  it("quotes the values GraphQL's own refusals repeat, short and with hidden characters escaped", () => {
    const format = createErrorFormatter({ exposeInternals: false });
    const long = JSON.stringify('2'.repeat(30_000));
    const error = new GraphQLError(
      `Variable "$input" got invalid value ${long} at "input.date"; Date must be a date, got "x\u202E"`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
    const formatted = format({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }, error);
    expect(formatted.message).toBe(
      `Variable "$input" got invalid value "${'2'.repeat(60)}"…(30000 characters) at "input.date"; Date must be a date, got "x\\u202e"`,
    );
  });

  it('keeps the whole place of the value, however deep in the input it lies', () => {
    const format = createErrorFormatter({ exposeInternals: false });
    const at = 'input.content.indicators[0].children[0].children[0].description';
    const message = `Variable "$input" got invalid value true at "${at}"; String cannot represent a non string value: true`;
    const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = format({ message, extensions: { code: 'BAD_USER_INPUT' } }, error);
    expect(formatted.message).toBe(message);
  });

  it('still cuts a long value that merely looks like a place', () => {
    const format = createErrorFormatter({ exposeInternals: false });
    const message = `Variable "$input" got invalid value "${'a'.repeat(100)}" at "input.name"`;
    const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = format({ message, extensions: { code: 'BAD_USER_INPUT' } }, error);
    expect(formatted.message).toBe(
      `Variable "$input" got invalid value "${'a'.repeat(60)}"…(100 characters) at "input.name"`,
    );
  });
});
