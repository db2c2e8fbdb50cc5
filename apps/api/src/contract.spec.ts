import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GraphQLArgument,
  buildSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/**
 * The contract in ../shared/API.md, checked against the committed schema (which CI checks is current):
 * every type, field, argument and enum value it names must exist with the same type. Additions are fine.
 */
function contractProblems(contractSdl: string, ourSdl: string): string[] {
  const contract = buildSchema(contractSdl);
  const ours = buildSchema(ourSdl);
  const problems: string[] = [];
  for (const type of Object.values(contract.getTypeMap()) as GraphQLNamedType[]) {
    if (type.name.startsWith('__')) continue;
    const mine = ours.getType(type.name);
    if (!mine) {
      problems.push(`missing type ${type.name}`);
      continue;
    }
    if (
      (isObjectType(type) || isInputObjectType(type) || isInterfaceType(type)) &&
      (isObjectType(mine) || isInputObjectType(mine) || isInterfaceType(mine))
    ) {
      const ourFields = mine.getFields();
      for (const field of Object.values(type.getFields())) {
        const other = ourFields[field.name];
        if (!other) {
          problems.push(`missing field ${type.name}.${field.name}`);
          continue;
        }
        if (String(other.type) !== String(field.type)) problems.push(`${type.name}.${field.name} is ${other.type}, not ${field.type}`);
        const contractArgs: readonly GraphQLArgument[] = 'args' in field ? field.args : [];
        const ourArgs: readonly GraphQLArgument[] = 'args' in other ? other.args : [];
        for (const arg of contractArgs) {
          const match = ourArgs.find((candidate) => candidate.name === arg.name);
          if (!match) problems.push(`missing argument ${type.name}.${field.name}(${arg.name})`);
          else if (String(match.type) !== String(arg.type))
            problems.push(`${type.name}.${field.name}(${arg.name}) is ${match.type}, not ${arg.type}`);
        }
        for (const arg of ourArgs) {
          if (!contractArgs.some((candidate) => candidate.name === arg.name) && String(arg.type).endsWith('!')) {
            problems.push(`extra required argument ${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    if (isEnumType(type) && isEnumType(mine)) {
      for (const value of type.getValues()) if (!mine.getValue(value.name)) problems.push(`missing enum value ${type.name}.${value.name}`);
    }
  }
  return problems;
}

describe('the GraphQL contract (API.md)', () => {
  it('is served with every name and shape it lists', () => {
    const apiMd = readFileSync(join(process.cwd(), '..', 'shared', 'API.md'), 'utf8');
    const contractSdl = /```graphql\n([\s\S]*?)```/.exec(apiMd)?.[1];
    expect(contractSdl).toBeDefined();
    // API.md names its Relay connections without spelling them out; the conventions at its top say what they hold.
    const connections = [...new Set([...contractSdl!.matchAll(/\b(\w+Connection)\b/g)].map((match) => match[1]))];
    const conventions = [
      'type PageInfo { hasNextPage: Boolean! endCursor: String }',
      ...connections.map((name) => `type ${name} { totalCount: Int! pageInfo: PageInfo! }`),
    ].join('\n');
    const ours = readFileSync(join(process.cwd(), 'apps', 'api', 'schema.gql'), 'utf8');
    expect(contractProblems(`${contractSdl}\n${conventions}`, ours)).toEqual([]);
  });

  it('notices a renamed field', () => {
    const sdl = 'type Query { me: String! }';
    expect(contractProblems(sdl, 'type Query { myself: String! }')).toEqual(['missing field Query.me']);
    expect(contractProblems(sdl, 'type Query { me: String }')).toEqual(['Query.me is String, not String!']);
  });
});
