import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  GraphQLError,
  GraphQLInputType,
  GraphQLScalarType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  typeFromAST,
  ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { UnifiedSocialCreditCodeScalar } from '../credit-code/uscc-scalar';
import { ErrorCode } from '../errors/errors';
import { DateScalar, DateTimeScalar } from './scalars';

/**
 * One check of every input value of every operation, in every subgraph and in the gateway, before anything
 * executes or is planned: custom scalars are parsed with their real implementations (the gateway's schema only
 * passes them through, so a bad credit code used to reach a subgraph and come back as an internal error), and
 * every String/ID value is refused when it holds control or bidirectional-override characters. A fault is
 * BAD_USER_INPUT naming the variable or argument, the position inside it, and the fault.
 */

/** Scalars the graph defines, by name: the gateway's copies of these types cannot parse anything. */
const INPUT_SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map(
  [UnifiedSocialCreditCodeScalar, DateScalar, DateTimeScalar].map((s) => [s.name, s as GraphQLScalarType]),
);
const TEXT_SCALARS = new Set(['String', 'ID']);

/** Names of the scalars this check parses itself (a test keeps it in step with the supergraph). */
export const CHECKED_SCALARS: ReadonlySet<string> = new Set(INPUT_SCALARS.keys());

/**
 * C0 controls except tab, line feed and carriage return (multi-line text is legitimate), DEL, C1 controls,
 * the bidi embeddings/overrides U+202A-U+202E and isolates U+2066-U+2069 (they reorder what a reader sees,
 * "Trojan Source"), and unpaired surrogates (not text; PostgreSQL refuses them). The single-character marks
 * U+200E/U+200F are allowed: they do not reorder the text around them and occur in legitimate mixed-script names.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** Why `text` may not be stored, or null. */
export function findTextFault(text: string): string | null {
  const match = FORBIDDEN_TEXT.exec(text);
  if (!match) return null;
  const code = match[0].codePointAt(0) as number;
  const name = code >= 0xd800 && code <= 0xdfff ? 'an unpaired surrogate' : code >= 0x202a ? 'a bidirectional control character' : 'a control character';
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `text must not contain ${name} (found U+${hex} at character ${[...text.slice(0, match.index)].length + 1})`;
}

interface Fault {
  /** Where: `input.decidedOn`, `usccs[2]`. */
  at: string;
  message: string;
  extensions: Record<string, unknown>;
}

function faultOf(at: string, error: unknown): Fault {
  const message = error instanceof Error ? error.message : String(error);
  const extensions = error instanceof GraphQLError ? { ...error.extensions } : {};
  delete extensions.code;
  return { at, message, extensions };
}

function checkLeaf(type: GraphQLScalarType, at: string, parse: (scalar: GraphQLScalarType) => unknown, text: unknown): Fault | null {
  const scalar = INPUT_SCALARS.get(type.name);
  if (scalar) {
    try {
      if (parse(scalar) === undefined) return { at, message: `Expected a value of type "${type.name}"`, extensions: {} };
    } catch (error) {
      return faultOf(at, error);
    }
  }
  if ((scalar || TEXT_SCALARS.has(type.name)) && typeof text === 'string') {
    const fault = findTextFault(text);
    if (fault) return { at, message: fault, extensions: { textFault: true } };
  }
  return null;
}

/** The first fault of a JSON value (a variable) of input type `type`. */
function checkValue(value: unknown, type: GraphQLInputType, at: string): Fault | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return checkValue(value, type.ofType, at);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, at);
    for (let i = 0; i < value.length; i++) {
      const fault = checkValue(value[i], type.ofType, `${at}[${i}]`);
      if (fault) return fault;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null; // graphql-js reports the shape
    const fields = type.getFields();
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      const fault = fields[name] ? checkValue(field, fields[name].type, `${at}.${name}`) : null;
      if (fault) return fault;
    }
    return null;
  }
  return isScalarType(type) ? checkLeaf(type, at, (s) => s.parseValue(value), value) : null;
}

/** The first fault of a literal; variables inside it are checked with the variable values. */
function checkLiteral(node: ValueNode, type: GraphQLInputType, at: string): Fault | null {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return null;
  if (isNonNullType(type)) return checkLiteral(node, type.ofType, at);
  if (isListType(type)) {
    if (node.kind !== Kind.LIST) return checkLiteral(node, type.ofType, at);
    for (let i = 0; i < node.values.length; i++) {
      const fault = checkLiteral(node.values[i], type.ofType, `${at}[${i}]`);
      if (fault) return fault;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return null;
    const fields = type.getFields();
    for (const field of node.fields) {
      const def = fields[field.name.value];
      const fault = def ? checkLiteral(field.value, def.type, `${at}.${field.name.value}`) : null;
      if (fault) return fault;
    }
    return null;
  }
  const text = node.kind === Kind.STRING ? node.value : undefined;
  return isScalarType(type) ? checkLeaf(type, at, (s) => s.parseLiteral(node, undefined), text) : null;
}

function inputError(subject: string, fault: Fault, name: Record<string, string>): GraphQLError {
  const where = fault.at.includes('.') || fault.at.includes('[') ? ` at "${fault.at}"` : '';
  return new GraphQLError(`${subject} has an invalid value${where}: ${fault.message}`, {
    extensions: { ...fault.extensions, code: ErrorCode.BAD_USER_INPUT, ...name, inputPath: fault.at, http: { status: 400 } },
  });
}

/** Faults of the literal arguments of `document` (every operation and fragment), one error per fault. */
export function checkLiterals(schema: GraphQLSchema, document: DocumentNode): { error: GraphQLError; raw: string }[] {
  const faults: { error: GraphQLError; raw: string }[] = [];
  const typeInfo = new TypeInfo(schema);
  let field = '';
  let directive = '';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        field = node.name.value;
      },
      Directive: {
        enter: (node) => {
          directive = node.name.value;
        },
        leave: () => {
          directive = '';
        },
      },
      VariableDefinition: (node) => {
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        const fault = type && node.defaultValue ? checkLiteral(node.defaultValue, type, node.variable.name.value) : null;
        if (fault) {
          faults.push({
            raw: fault.message,
            error: inputError(`Default value of variable "$${node.variable.name.value}"`, fault, { variable: node.variable.name.value }),
          });
        }
        return false;
      },
      Argument: (node) => {
        const def = typeInfo.getArgument();
        if (!def) return;
        const fault = checkLiteral(node.value, def.type, def.name);
        if (fault) {
          const owner = directive ? `@${directive}` : field;
          faults.push({ raw: fault.message, error: inputError(`Argument "${def.name}" of "${owner}"`, fault, { argument: def.name }) });
        }
      },
    }),
  );
  return faults;
}

/** The first fault of the operation's variable values (and of the defaults standing in for absent ones). */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type || !variables || !(name in variables)) continue;
    const fault = checkValue(variables[name], type, name);
    if (fault) return inputError(`Variable "$${name}"`, fault, { variable: name });
  }
  return null;
}

/** Literal faults per schema and parsed document: Apollo Server hands every request of one text the same cached document. */
const literalFaults = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { error: GraphQLError; raw: string }[]>>();

function literalFaultsOf(schema: GraphQLSchema, document: DocumentNode): { error: GraphQLError; raw: string }[] {
  let bySchema = literalFaults.get(schema);
  if (!bySchema) literalFaults.set(schema, (bySchema = new WeakMap()));
  let faults = bySchema.get(document);
  if (!faults) bySchema.set(document, (faults = checkLiterals(schema, document)));
  return faults;
}

/**
 * The check as an Apollo Server plugin. Literals the server's own schema can parse (a subgraph's) fail
 * graphql-js validation first, with the scalar's bare message: those validation errors are replaced, in place,
 * by the errors naming the argument. Everything else is checked once the operation is resolved, before any
 * resolver runs or any query plan is made.
 */
export function inputCheckPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ schema, document }) {
          return async (errors?: readonly Error[]) => {
            if (!errors?.length) return;
            const faults = checkLiterals(schema, document);
            const list = errors as Error[];
            for (let i = 0; i < list.length; i++) {
              const fault = faults.find((f) => f.raw === list[i].message || list[i].message.endsWith(`; ${f.raw}`));
              if (fault) list[i] = fault.error;
            }
          };
        },
        async didResolveOperation({ schema, document, operation, request }) {
          const literal = literalFaultsOf(schema, document)[0];
          if (literal) throw literal.error;
          const variable = operation ? checkVariables(schema, operation, request.variables) : null;
          if (variable) throw variable;
        },
      };
    },
  };
}
