/**
 * Apollo Gateway reports usage data to Apollo unless APOLLO_TELEMETRY_DISABLED is set when an ApolloGateway is
 * constructed. Credit data services send nothing to outside parties, so the code sets it itself instead of leaving
 * it to each deployment's environment. Imported first by gateway.ts.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export const APOLLO_TELEMETRY_DISABLED = true;
