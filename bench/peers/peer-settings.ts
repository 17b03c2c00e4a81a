import fs from 'node:fs';

/** What the harness hands a peer gateway: where to listen and the supergraph (subgraph URLs already filled in). */
export interface PeerSettings {
  port: number;
  supergraphSdl: string;
}

export function readPeerSettings(env: NodeJS.ProcessEnv = process.env): PeerSettings {
  const port = Number(env.PORT);
  const path = env.SUPERGRAPH_PATH;
  if (!Number.isInteger(port) || port <= 0 || !path) throw new Error('PORT and SUPERGRAPH_PATH must be set');
  return { port, supergraphSdl: fs.readFileSync(path, 'utf8') };
}

/** The two headers every gateway forwards to the subgraphs: the caller's token and the declared purpose. */
export const FORWARDED_HEADERS = ['authorization', 'x-purpose'] as const;
