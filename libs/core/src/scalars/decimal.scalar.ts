import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Decimal } from 'decimal.js';

const DECIMAL_PATTERN = /^-?\d{1,20}(\.\d{1,10})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim())) {
    throw new GraphQLError('Decimal must be a string such as "1250.00" (at most 20 digits before the point and 10 after).', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Decimal(value.trim()).toFixed();
}

/** Exact decimal numbers as strings ("1250.00"); never a JS float on the way in or out. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "1250.00".',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed();
    if (typeof value === 'string') return value;
    if (typeof value === 'bigint') return value.toString();
    throw new GraphQLError('Decimal values are served from exact strings only.');
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal must be written as a string, e.g. "1250.00".', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDecimal(ast.value);
  },
});
