/** Column lengths; values are cut to these before they are hashed so the hash matches what is stored. */
export const LIMITS = {
  subject: 256,
  purpose: 500,
  requestId: 128,
  reason: 500,
  role: 16,
  agency: 32,
  subgraph: 32,
} as const;
