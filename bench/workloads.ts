/**
 * The three workloads of issue 11. Every request names a different operator (or page), cycling through the
 * seeded data read once at setup through the graph, so no answer can come from a cache of the previous one.
 */

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W3-50';
export const WORKLOAD_IDS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W3-50'];
/** Operators per page of W3 and of its half-page twin: their difference is what one more operator costs. */
export const W3_PAGE = 100;
export const W3_HALF_PAGE = 50;

/** Whom a workload's requests are sent as. */
export type TokenKind = 'market-regulation-agency' | 'admin';

export interface Workload {
  id: WorkloadId;
  title: string;
  token: TokenKind;
  query: string;
  /** Sent direct to the market-regulation subgraph and through the transport floor as well as through each gateway. */
  direct: boolean;
  /** Variables of the i-th request. */
  variables(data: SeededData, i: number): Record<string, unknown>;
}

/** What the harness read from the graph at setup. */
export interface SeededData {
  usccs: string[];
  /** `after` of each page of 100 operators: null for the first. */
  pageCursors: (string | null)[];
}

/** The README's public query, restricted to market-regulation fields. */
const MARKET_REGULATION_FIELDS = /* GraphQL */ `
    uscc name subjectType
    registration { legalRepresentative { name } address districtCode status establishedOn }
    licenses { licenseNumber category validUntil status }
    penalties { decisionNumber violationType categories fineAmount decidedOn publicUntil }
    abnormalOperations { reason listedOn removedOn }
    seriousDishonesty { ground listedOn autoRemovalOn earlyRemovalEligibleOn removedOn }`;

const W1 = /* GraphQL */ `query BenchW1($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {${MARKET_REGULATION_FIELDS}
  }
}`;

/** The README's public query plus commerce fields and the restricted fields of every agency. */
const W2 = /* GraphQL */ `query BenchW2($uscc: UnifiedSocialCreditCode!) {
  operator(uscc: $uscc) {${MARKET_REGULATION_FIELDS}
    customsCredit { current { level effectiveOn rulesVersion } history { level effectiveOn rulesVersion } }
    crossBorderRoles { kind regimes qualificationRequired qualificationHeld }
    expressPermit { permitNumber status validUntil }
    paymentLicence { licenceNumber status }
    storefronts { platformId shopName }
    reviewStats { reviewCount averageRating hiddenByPlatformCount flaggedMaliciousCount }
    platformEvaluations { grade score overallSatisfaction productQuality brandReputation afterSalesService }
    riskClass { class month }
    creditAssessment { score grade }
    financingMeasures { kind startsOn endsOn active basis { listKind reference } }
    exposure { overdue worstOverdueBand totalOutstanding }
    postalComplaints { category receivedOn replyDueOn status complainantName }
  }
}`;

/** A page of 100 operators with a smaller selection of every agency's fields than W2. */
export const W3_SELECTION = `uscc name subjectType registration { status establishedOn } penalties { decisionNumber fineAmount }
      storefronts { platformId shopName } reviewStats { reviewCount averageRating } riskClass { class month }
      creditAssessment { score grade } customsCredit { current { level } } financingMeasures { kind active }
      exposure { overdue } expressPermit { permitNumber status } postalComplaints { category status }`;

const page = (name: string, size: number) => /* GraphQL */ `query ${name}($after: String) {
  operators(first: ${size}, after: $after) {
    pageInfo { endCursor hasNextPage }
    nodes {
      ${W3_SELECTION}
    }
  }
}`;

const byOperator = (data: SeededData, i: number) => ({ uscc: data.usccs[i % data.usccs.length] });

export const WORKLOADS: Record<WorkloadId, Workload> = {
  W1: {
    id: 'W1',
    title: "one operator, market-regulation fields (the README's public query restricted to them), market-regulation agency token",
    token: 'market-regulation-agency',
    query: W1,
    direct: true,
    variables: byOperator,
  },
  W2: {
    id: 'W2',
    title: "one operator, fields of all five agencies (the README's public query plus commerce and restricted fields), admin token",
    token: 'admin',
    query: W2,
    direct: false,
    variables: byOperator,
  },
  W3: {
    id: 'W3',
    title: '`operators(first: 100, after: <cursor>)` with fields of all five agencies, admin token, cycling through the pages',
    token: 'admin',
    query: page('BenchW3', W3_PAGE),
    direct: false,
    variables: (data, i) => ({ after: data.pageCursors[i % data.pageCursors.length] }),
  },
  'W3-50': {
    id: 'W3-50',
    title: '`operators(first: 50, after: <cursor>)`, W3 with half the page: W3 minus this, per 50 operators, is the cost of one more operator',
    token: 'admin',
    query: page('BenchW3Half', W3_HALF_PAGE),
    direct: false,
    variables: (data, i) => ({ after: data.pageCursors[i % data.pageCursors.length] }),
  },
};

/** One page of credit codes and the cursor after it: what setup reads to collect every operator. */
export const SEEDED_PAGE = /* GraphQL */ `query BenchSeeded($after: String) {
  operators(first: 100, after: $after) { pageInfo { endCursor hasNextPage } nodes { uscc } }
}`;
