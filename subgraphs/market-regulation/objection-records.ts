import type { GraphQLError } from 'graphql';
import type { AgencyId } from '../../shared/config/agencies';
import type { SubgraphContext } from '../../shared/subgraph/context';
import { askPeer, type PeerAnswer, peerUnavailable } from '../../shared/subgraph/peer-query';

/** The field each owning agency adds to Operator for this read (shared/objections/graphql.ts). */
const RECORD_FIELD: Readonly<Record<Exclude<AgencyId, 'market-regulation'>, string>> = {
  commerce: 'commerceRecordForObjection',
  customs: 'customsRecordForObjection',
  finance: 'financeRecordForObjection',
  postal: 'postalRecordForObjection',
};

/** The owning agency could not answer: the objection is refused rather than registered unchecked. */
export function recordOwnerUnavailable(agency: AgencyId): GraphQLError {
  return peerUnavailable(
    agency,
    `${agency} could not be consulted to check the record the objection names; nothing was recorded, try again later`,
  );
}

/**
 * How the owning agency holds `kind` `id` of operator `uscc`: STANDING, WITHDRAWN, or null when it holds no such
 * record of that operator. Asked over GraphQL (never the agency's database) with the filer's own token, so the owner
 * answers only what the filer may see (agency staff, admins, the operator itself). SUBGRAPH_UNAVAILABLE when the
 * owner does not answer in time or answers with errors.
 */
export async function peerRecordState(
  ctx: SubgraphContext,
  agency: Exclude<AgencyId, 'market-regulation'>,
  kind: string,
  id: number,
  uscc: string,
): Promise<'STANDING' | 'WITHDRAWN' | null> {
  const query = `query MarketRegulationObjectionRecordCheck($representations: [_Any!]!, $kind: String!, $id: ID!) {
    _entities(representations: $representations) { ... on Operator { state: ${RECORD_FIELD[agency]}(recordKind: $kind, recordId: $id) } }
  }`;
  let answer: PeerAnswer<{ _entities?: ({ state?: unknown } | null)[] }>;
  try {
    answer = await askPeer(
      ctx, agency, query, { representations: [{ __typename: 'Operator', uscc }], kind, id: String(id) }, { onCallersBehalf: true },
    );
  } catch (err) {
    ctx.log.error({ err, agency }, 'objection record owner unavailable');
    throw recordOwnerUnavailable(agency);
  }
  const entities = answer.data?._entities;
  if (answer.errors?.length || !Array.isArray(entities) || entities.length !== 1) {
    ctx.log.error({ errors: answer.errors, agency }, 'objection record owner answered with errors');
    throw recordOwnerUnavailable(agency);
  }
  const state = entities[0]?.state;
  return state === 'STANDING' || state === 'WITHDRAWN' ? state : null;
}
