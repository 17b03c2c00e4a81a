import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { Express } from 'express';

/** A middleware that works on plain node requests, as express's do (express's own request extends these). */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface GraphqlPostOptions<C extends BaseContext> {
  /** Run in order before the body is read (CORS, observation, headers); each calls `next` to go on. */
  before: readonly NodeMiddleware[];
  /** Largest request body accepted, in bytes (after decompression). */
  maxBodyBytes: number;
  context(req: IncomingMessage, res: ServerResponse): Promise<C>;
}

/** `POST /graphql`, with or without a query string: the one request the fast path serves. */
export function isGraphqlPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url === undefined) return false;
  const end = req.url.indexOf('?');
  return (end === -1 ? req.url : req.url.slice(0, end)) === '/graphql';
}

/** A refusal before GraphQL runs, shaped like every other GraphQL error (a code, no internals). */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

class BodyError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';', 1)[0].trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1].toLowerCase();
}

/** The body as text, refused once it passes `limit` bytes (gzip and deflate bodies are inflated, as express.json did). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new BodyError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`));
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: NodeJS.ReadableStream = req;
  if (encoding === 'gzip') stream = req.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = req.pipe(zlib.createInflate());
  else if (encoding !== 'identity') {
    return Promise.reject(new BodyError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${encoding} is not supported`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (err: BodyError) => {
      if (done) return;
      done = true;
      // Stop reading; the refusal is still sent, and the connection is closed after it.
      req.unpipe();
      req.resume();
      reject(err);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(new BodyError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`));
      else if (!done) chunks.push(chunk);
    });
    stream.on('error', () => fail(new BodyError(400, 'BAD_REQUEST', 'The request body could not be read')));
    // A client gone before its body ended: nothing to answer, but the request must not wait forever.
    req.on('close', () => {
      if (!req.complete) fail(new BodyError(400, 'BAD_REQUEST', 'The request body ended early'));
    });
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    });
  });
}

/** The JSON body (an empty one counts as `{}`, as with express.json), or undefined for any other content type. */
async function parsedBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const contentType = req.headers['content-type'];
  if (!isJson(contentType)) {
    // Not ours to read: Apollo Server answers a POST without a JSON body with its own 400 (after its CSRF check).
    req.resume();
    return undefined;
  }
  const charset = charsetOf(contentType as string);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyError(415, 'UNSUPPORTED_MEDIA_TYPE', `Charset ${charset} is not supported; send UTF-8`);
  }
  const text = await readBody(req, limit);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

function runMiddlewares(list: readonly NodeMiddleware[], req: IncomingMessage, res: ServerResponse, last: () => void): void {
  let index = 0;
  const next = (): void => {
    const middleware = list[index++];
    if (middleware) middleware(req, res, next);
    else last();
  };
  next();
}

/**
 * Serves `POST /graphql` straight onto Apollo Server's HTTP contract (`executeHTTPGraphQLRequest`), without
 * express's router, body parser and response helpers. It is the hot path of every service: through express the
 * gateway spent about a sixth of its CPU per request on routing, body parsing and an ETag for a `no-store` answer.
 * Everything else (GET, preflights, the playground, probes) still goes through the service's express app.
 */
export function graphqlPostHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  options: GraphqlPostOptions<C>,
): (req: IncomingMessage, res: ServerResponse) => void {
  server.assertStarted('graphqlPostHandler()');
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    try {
      body = await parsedBody(req, options.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyError) {
        req.resume();
        if (err.status === 413) res.setHeader('connection', 'close');
        refuse(res, err.status, err.code, err.message);
        return;
      }
      throw err;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url as string;
    const queryAt = url.indexOf('?');
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: queryAt === -1 ? '' : url.slice(queryAt), body },
      context: () => options.context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    runMiddlewares(options.before, req, res, () => {
      serve(req, res).catch(() => {
        // executeHTTPGraphQLRequest answers every GraphQL failure itself; only a broken socket gets here.
        refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      });
    });
  };
}

/** The largest request body a service reads on either path. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Mounts `/graphql` on both paths of a service with the same middlewares and context: express for GET queries,
 * preflights and whatever else reaches it, and the returned handler for `POST /graphql` (give it to `listen`).
 */
export function serveGraphql<C extends BaseContext>(
  app: Express,
  server: ApolloServer<C>,
  options: Pick<GraphqlPostOptions<C>, 'before' | 'context'>,
): (req: IncomingMessage, res: ServerResponse) => void {
  app.use(
    '/graphql',
    ...options.before,
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(server, { context: ({ req, res }) => options.context(req, res) }),
  );
  return graphqlPostHandler(server, { ...options, maxBodyBytes: MAX_BODY_BYTES });
}
