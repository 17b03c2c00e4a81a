import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/config/paths';

/** The committed supergraph (`npm run compose` writes it; a test fails when it is stale). */
export const COMMITTED_SUPERGRAPH = path.join(PROJECT_ROOT, 'gateway', 'supergraph.graphql');

/** The generated list of every non-public field (`npm run compose`; a test fails when it is stale). */
export const AUTHORIZATION_DOC = path.join(PROJECT_ROOT, 'docs', 'authorization.md');
