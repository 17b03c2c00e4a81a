import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, Lexer, OperationDefinitionNode, parse, print, Source, TokenKind } from 'graphql';
import { PROJECT_ROOT } from '../../shared/config/paths';

/** `.graphql` files of registered operations, one operation each (fragments allowed), e.g. `operations/evaluator/`. */
export const OPERATIONS_DIR = path.join(PROJECT_ROOT, 'operations');
/** Written by `npm run operations:register`, committed; a test fails when it is stale. */
export const OPERATIONS_MANIFEST = path.join(OPERATIONS_DIR, 'manifest.json');

/** One entry of Apollo's persisted query manifest; `id` is the SHA-256 of `body`, as APQ hashes a query. */
export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedOperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The canonical text of a document: comments, commas and layout do not matter. */
export function normaliseDocument(text: string, maxTokens?: number): string {
  return print(parse(text, { noLocation: true, maxTokens }));
}

/** Builds an operation from one file's text; the message names the file when it is not exactly one named operation. */
export function persistedOperationFrom(text: string, file: string): PersistedOperation {
  let body: string;
  try {
    body = normaliseDocument(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const operations = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new Error(`${file}: holds ${operations.length} operations; register exactly one per file`);
  const name = operations[0].name?.value;
  if (!name) throw new Error(`${file}: the operation needs a name (clients and the audit log refer to it)`);
  return { id: sha256Hex(body), name, type: operations[0].operation, body };
}

function graphqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The manifest of every `.graphql` file under `dir`, in name order. */
export function buildManifest(dir: string = OPERATIONS_DIR): PersistedOperationManifest {
  const operations = graphqlFiles(dir).map((file) => persistedOperationFrom(fs.readFileSync(file, 'utf8'), path.relative(dir, file)));
  const seen = new Map<string, string>();
  for (const op of operations) {
    const clash = seen.get(op.name) ?? seen.get(op.id);
    if (clash) throw new Error(`operation "${op.name}" is registered twice (same name or same text as "${clash}")`);
    seen.set(op.name, op.name).set(op.id, op.name);
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function renderManifest(manifest: PersistedOperationManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Reads and checks a manifest: every id must be the hash of its body, or the file was edited by hand. */
export function readManifest(file: string = OPERATIONS_MANIFEST): PersistedOperationManifest {
  let manifest: PersistedOperationManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as PersistedOperationManifest;
  } catch (err) {
    throw new Error(`cannot read the persisted operation manifest ${file} (run \`npm run operations:register\`): ${(err as Error).message}`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an apollo-persisted-query-manifest, version 1`);
  }
  for (const op of manifest.operations) {
    if (typeof op.body !== 'string' || op.id !== sha256Hex(op.body)) throw new Error(`${file}: the id of "${op.name}" is not the SHA-256 of its body`);
  }
  return manifest;
}

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** Looks registered operations up by id or by text. */
export class PersistedOperationIndex {
  private readonly byId = new Map<string, PersistedOperation>();
  private readonly byBody = new Map<string, PersistedOperation>();
  /** A text with more tokens than the longest registered operation cannot be one; it is not even parsed. */
  private readonly maxTokens: number;
  private readonly normalised = new LRUCache<string, PersistedOperation | false>({ max: 1000 });

  constructor(manifest: PersistedOperationManifest) {
    let maxTokens = 0;
    for (const op of manifest.operations) {
      this.byId.set(op.id, op);
      this.byBody.set(normaliseDocument(op.body), op);
      maxTokens = Math.max(maxTokens, countTokens(op.body));
    }
    this.maxTokens = maxTokens;
  }

  get size(): number {
    return this.byId.size;
  }

  byHash(sha256Hash: string): PersistedOperation | undefined {
    return this.byId.get(sha256Hash);
  }

  /** The registered operation this text is, verbatim or once normalised. */
  byText(text: string): PersistedOperation | undefined {
    const id = sha256Hex(text);
    const exact = this.byId.get(id);
    if (exact) return exact;
    // Normalising means parsing and printing: remembered per text (bounded), as clients resend the same texts.
    const known = this.normalised.get(id);
    if (known !== undefined) return known || undefined;
    let found: PersistedOperation | undefined;
    try {
      found = this.byBody.get(normaliseDocument(text, this.maxTokens));
    } catch {
      found = undefined; // not GraphQL, or longer than anything registered
    }
    this.normalised.set(id, found ?? false);
    return found;
  }
}
