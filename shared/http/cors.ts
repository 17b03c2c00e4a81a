import cors from 'cors';
import type { NodeMiddleware } from './graphql-post';
import type { CorsConfig } from '../config/cors';

/** The developer's machine (any port) and Apollo's hosted Sandbox/Explorer pointed at it. */
const DEVELOPMENT_ORIGINS: (string | RegExp)[] = [
  /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/,
  'https://studio.apollographql.com',
];

/** Cross-origin access as configured; without an allowed origin the response has no Access-Control-Allow-Origin. */
export function corsMiddleware(config: CorsConfig): NodeMiddleware {
  switch (config.kind) {
    case 'list':
      return cors({ origin: config.origins });
    case 'development':
      return cors({ origin: DEVELOPMENT_ORIGINS });
    case 'none':
      return cors({ origin: false });
  }
}
