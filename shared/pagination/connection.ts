import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Access } from '../auth/access';
import { ShareClass } from '../auth/share-class';
import { badInput } from '../errors/errors';
import { DEFAULT_PAGE_SIZE } from './page-size';

export { DEFAULT_PAGE_SIZE };

// Every subgraph has connections, so PageInfo is a value type shared by all of them.
@ObjectType({ description: 'Relay-style page information' })
@Directive('@shareable')
@Access(ShareClass.PUBLIC)
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A promise when counted on demand (see `toConnection`). */
  totalCount: number | Promise<number>;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  // The page structure is public; each node's fields carry their own declarations.
  @ObjectType(`${name}Edge`)
  @Access(ShareClass.PUBLIC)
  class Edge {
    @Field() cursor: string;
    @Field(() => nodeType) node: T;
  }
  @ObjectType(`${name}Connection`)
  @Access(ShareClass.PUBLIC)
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that need no cursors' })
    nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'Number of items matching the filter, across all pages' })
    totalCount: number;
  }
  return ConnectionClass;
}

/** Cursors are opaque base64url strings wrapping the sort key of the row. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('c:')) throw badInput(`Invalid cursor "${cursor}"`);
  return raw.slice(2);
}

export function checkPageSize(first: number | undefined | null, max: number): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw badInput('`first` must be a non-negative integer');
  if (size > max) throw badInput(`\`first\` must not exceed ${max}`);
  return size;
}

/**
 * Turns `rows` (fetched with limit first + 1, ordered by key) into a connection.
 * `keyOf` returns the sort key that the next page's cursor continues from.
 * `totalCount` may be a function: it then runs only when a client selects `totalCount` (at most once), so a page
 * that does not ask for it costs no count statement.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number | (() => Promise<number>),
  keyOf: (row: T) => string | number,
  hasPrevious: boolean,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  const connection = {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  } as Connection<T>;
  if (typeof totalCount === 'number') {
    connection.totalCount = totalCount;
  } else {
    // A getter rather than a function-valued property: type-graphql's field resolver reads the property, it does not
    // call it; a promise-valued property is awaited by graphql-js.
    let counted: Promise<number> | undefined;
    Object.defineProperty(connection, 'totalCount', { enumerable: true, get: () => (counted ??= totalCount()) });
  }
  return connection;
}
