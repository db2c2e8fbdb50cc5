import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** What a client relying on `promised` can receive from a field typed `served`: the same, or stricter. */
function outputCompatible(served: GraphQLType, promised: GraphQLType): boolean {
  if (isNonNullType(promised)) return isNonNullType(served) && outputCompatible(served.ofType, promised.ofType);
  if (isNonNullType(served)) return outputCompatible(served.ofType, promised);
  if (isListType(promised)) return isListType(served) && outputCompatible(served.ofType, promised.ofType);
  return !isListType(served) && served.name === promised.name;
}

/** Whether everything a client may send to an input typed `promised` is accepted by one typed `served`. */
function inputCompatible(served: GraphQLType, promised: GraphQLType): boolean {
  if (isNonNullType(served)) return isNonNullType(promised) && inputCompatible(served.ofType, promised.ofType);
  if (isNonNullType(promised)) return inputCompatible(served, promised.ofType);
  if (isListType(promised)) return isListType(served) && inputCompatible(served.ofType, promised.ofType);
  return !isListType(served) && served.name === promised.name;
}

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  return 'scalar';
}

const required = (input: GraphQLArgument | GraphQLInputField): boolean => isNonNullType(input.type) && input.defaultValue === undefined;

/** Arguments of a field, or fields of an input type: every promised one accepted, none newly required. */
function inputProblems(
  label: (name: string) => string,
  served: readonly (GraphQLArgument | GraphQLInputField)[],
  promised: readonly (GraphQLArgument | GraphQLInputField)[],
): string[] {
  const problems: string[] = [];
  for (const input of promised) {
    const match = served.find((candidate) => candidate.name === input.name);
    if (!match) problems.push(`missing ${label(input.name)}`);
    else if (!inputCompatible(match.type, input.type)) problems.push(`${label(input.name)} is ${match.type}, not ${input.type}`);
  }
  for (const input of served) {
    if (required(input) && !promised.some((candidate) => candidate.name === input.name)) {
      problems.push(`new required ${label(input.name)}: ${input.type}`);
    }
  }
  return problems;
}

function outputFieldProblems(typeName: string, served: GraphQLField<unknown, unknown>, promised: GraphQLField<unknown, unknown>): string[] {
  const problems: string[] = [];
  if (!outputCompatible(served.type, promised.type)) problems.push(`${typeName}.${promised.name} is ${served.type}, not ${promised.type}`);
  problems.push(...inputProblems((name) => `argument ${typeName}.${promised.name}(${name})`, served.args, promised.args));
  return problems;
}

/**
 * What in `served` breaks a client written against `contract`: every type, field, argument and enum value
 * the contract names must be there, outputs the same or stricter (non-null where the contract allows
 * null), inputs the same or more lenient, and no argument or input field the contract does not know may be
 * required. Additions are fine. An empty list means the contract holds.
 */
export function contractProblems(contract: GraphQLSchema, served: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const mine = served.getType(type.name);
    if (!mine) {
      problems.push(`missing type ${type.name}`);
      continue;
    }
    if (kind(mine) !== kind(type)) {
      problems.push(`${type.name} is of kind ${kind(mine)}, not ${kind(type)}`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(mine) || isInterfaceType(mine))) {
      const ours = mine.getFields();
      for (const field of Object.values(type.getFields())) {
        const match = ours[field.name];
        if (!match) problems.push(`missing field ${type.name}.${field.name}`);
        else problems.push(...outputFieldProblems(type.name, match, field));
      }
    } else if (isInputObjectType(type) && isInputObjectType(mine)) {
      problems.push(
        ...inputProblems((name) => `input field ${type.name}.${name}`, Object.values(mine.getFields()), Object.values(type.getFields())),
      );
    } else if (isEnumType(type) && isEnumType(mine)) {
      for (const value of type.getValues()) if (!mine.getValue(value.name)) problems.push(`missing enum value ${type.name}.${value.name}`);
    } else if (isUnionType(type) && isUnionType(mine)) {
      const members = new Set(mine.getTypes().map((member) => member.name));
      for (const member of type.getTypes())
        if (!members.has(member.name)) problems.push(`missing union member ${type.name}.${member.name}`);
    }
  }
  return problems;
}
