/** The five agencies, each owning one subgraph and its own database. */
export const AGENCIES = ['market-regulation', 'commerce', 'customs', 'finance', 'postal'] as const;
export type AgencyId = (typeof AGENCIES)[number];

/** Default ports of the stable contract: 4001 market regulation ... 4005 postal. */
export const DEFAULT_SUBGRAPH_PORTS: Record<AgencyId, number> = {
  'market-regulation': 4001,
  commerce: 4002,
  customs: 4003,
  finance: 4004,
  postal: 4005,
};

/** `market-regulation` → `MARKET_REGULATION`, the prefix of that agency's environment variables. */
export function envPrefix(agency: AgencyId): string {
  return agency.toUpperCase().replace(/-/g, '_');
}
