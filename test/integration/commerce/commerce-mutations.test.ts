import type { SeedPlan } from '../../../shared/seed/seed-plan';
import type { SubgraphHarness } from '../../support/subgraph-harness';
import { errorCode, Query, startCommerce, TODAY } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */

const INVALID_USCC = '91350203M0001QAY9B'; // check character should be 9

describe('commerce subgraph: mutations validate, write, and leave data unchanged when refused', () => {
  let h: SubgraphHarness;
  let plan: SeedPlan;
  let q: Query;

  beforeAll(async () => {
    ({ h, plan, q } = await startCommerce(40));
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Runs a mutation expected to be refused with BAD_USER_INPUT. */
  const refused = async (query: string, variables: Record<string, unknown>, messagePart?: RegExp) => {
    const res = await q(query, variables);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    if (messagePart) expect(res.errors![0].message).toMatch(messagePart);
    return res;
  };

  const operatorFields = async (uscc: string, fields: string) => {
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Operator { ${fields} } } }`,
      { reps: [{ __typename: 'Operator', uscc }] },
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0];
  };

  describe('platform rule documents', () => {
    const PUBLISH = `mutation($input: PublishPlatformRuleDocumentInput!) {
      publishPlatformRuleDocument(input: $input) { id platformId kind version title consultationStartsOn publishedOn effectiveOn summary }
    }`;
    const docsOf = async (platformId: string) => {
      const res = await q(
        `query($id: ID!) { platform(id: $id) { ruleDocuments { id kind version effectiveOn } currentRuleDocuments { kind version } } }`,
        { id: platformId },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.platform;
    };

    /** A platform and kind whose latest version took effect before `date`. */
    const slotBefore = async (date: string) => {
      for (const p of plan.platforms) {
        const docs = await docsOf(p.id);
        for (const kind of ['TRANSACTION_RULES', 'SERVICE_AGREEMENT', 'CREDIT_EVALUATION_RULES']) {
          const latest = docs.ruleDocuments.filter((d: any) => d.kind === kind).sort((a: any, b: any) => b.version - a.version)[0];
          if (latest.effectiveOn < date) return { platformId: p.id, kind, latest };
        }
      }
      throw new Error('no platform rule slot available');
    };

    it('refuses a version effective less than 7 days after publication, and keeps the data', async () => {
      const slot = await slotBefore('2026-11-07');
      const before = await docsOf(slot.platformId);
      const input = {
        platformId: slot.platformId,
        kind: slot.kind,
        title: '交易规则（修订）',
        consultationStartsOn: '2026-10-20',
        publishedOn: TODAY,
        effectiveOn: '2026-11-07', // 6 days
        summary: '调整退货时限',
      };
      await refused(PUBLISH, { input }, /at least 7 days/);
      await refused(PUBLISH, { input: { ...input, effectiveOn: '2026-10-25' } }, /notice|before/);
      // Consultation must start before publication (and so before the effective date).
      await refused(PUBLISH, { input: { ...input, consultationStartsOn: '2026-11-01', publishedOn: '2026-10-30', effectiveOn: '2026-12-01' } }, /consultationStartsOn/);
      await refused(PUBLISH, { input: { ...input, consultationStartsOn: '2026-12-05', effectiveOn: '2026-12-01' } }, /consultationStartsOn/);
      await refused(PUBLISH, { input: { ...input, publishedOn: '2026-11-02', effectiveOn: '2026-12-01' } }, /today/);
      await refused(PUBLISH, { input: { ...input, platformId: 'no-such-platform', effectiveOn: '2026-12-01' } }, /Unknown platform/);
      await refused(PUBLISH, { input: { ...input, title: '  ', effectiveOn: '2026-12-01' } }, /title/);
      expect(await docsOf(slot.platformId)).toEqual(before);
    });

    it('accepts exactly 7 days of notice, numbers the version, and keeps the current one until it takes effect', async () => {
      const slot = await slotBefore('2026-11-08');
      const res = await q(PUBLISH, {
        input: {
          platformId: slot.platformId,
          kind: slot.kind,
          title: '规则修订',
          consultationStartsOn: '2026-10-15',
          publishedOn: TODAY,
          effectiveOn: '2026-11-08',
          summary: '明确消费者评价不得删除',
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.publishPlatformRuleDocument).toMatchObject({
        platformId: slot.platformId,
        kind: slot.kind,
        version: slot.latest.version + 1,
        effectiveOn: '2026-11-08',
      });
      const after = await docsOf(slot.platformId);
      expect(after.ruleDocuments.filter((d: any) => d.kind === slot.kind)[0].version).toBe(slot.latest.version + 1);
      // Not yet in force on 2026-11-01.
      const current = after.currentRuleDocuments.find((d: any) => d.kind === slot.kind);
      expect(current.version).toBe(slot.latest.version);
      // A version effective no later than the latest one is refused.
      await refused(PUBLISH, {
        input: { platformId: slot.platformId, kind: slot.kind, title: 'x', consultationStartsOn: '2026-10-01', publishedOn: '2026-10-20', effectiveOn: '2026-11-08', summary: 'x' },
      }, /must be after/);
    });
  });

  describe('consumer reviews (append-only)', () => {
    const RECORD = `mutation($input: RecordConsumerReviewInput!) {
      recordConsumerReview(input: $input) { id status rating text platformId shopId operator { uscc } storefront { shopId } statusHistory { toStatus } }
    }`;
    const CHANGE = `mutation($input: ChangeConsumerReviewStatusInput!) {
      changeConsumerReviewStatus(input: $input) { id status rating text statusHistory { fromStatus toStatus reason actor changedAt } }
    }`;
    const reviewsOf = async (uscc: string) => {
      const res = await q(
        `query($uscc: UnifiedSocialCreditCode!) { consumerReviews(first: 100, filter: { operatorUscc: $uscc }) { totalCount nodes { id status rating text statusHistory { fromStatus toStatus reason actor } } } }`,
        { uscc },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.consumerReviews;
    };
    const statsOf = async (uscc: string) =>
      (await operatorFields(uscc, 'reviewStats { reviewCount averageRating visibleCount visibleAverageRating hiddenByPlatformCount flaggedMaliciousCount byPlatform { platformId reviewCount hiddenByPlatformCount } }')).reviewStats;

    it('records a review, hides it with a reason as a new status row, and keeps counting it', async () => {
      const op = plan.operators[2];
      const shop = (await operatorFields(op.uscc, 'storefronts { platformId shopId }')).storefronts[0];
      const statsBefore = await statsOf(op.uscc);

      const recorded = await q(RECORD, {
        input: { platformId: shop.platformId, operatorUscc: op.uscc, shopId: shop.shopId, rating: 1, text: '货不对板' },
      });
      expect(recorded.errors).toBeUndefined();
      const review = recorded.data!.recordConsumerReview;
      expect(review).toMatchObject({ status: 'VISIBLE', rating: 1, operator: { uscc: op.uscc }, storefront: { shopId: shop.shopId }, statusHistory: [] });
      const statsRecorded = await statsOf(op.uscc);
      expect(statsRecorded.reviewCount).toBe(statsBefore.reviewCount + 1);
      expect(statsRecorded.visibleCount).toBe(statsBefore.visibleCount + 1);

      const hidden = await q(CHANGE, {
        input: { reviewId: review.id, status: 'HIDDEN_BY_PLATFORM', reason: '商家申诉评价不实，平台屏蔽', actor: `${shop.platformId} 商家服务部` },
      });
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data!.changeConsumerReviewStatus).toMatchObject({
        id: review.id,
        status: 'HIDDEN_BY_PLATFORM',
        rating: 1,
        text: '货不对板',
        statusHistory: [{ fromStatus: 'VISIBLE', toStatus: 'HIDDEN_BY_PLATFORM', reason: '商家申诉评价不实，平台屏蔽', actor: `${shop.platformId} 商家服务部` }],
      });

      // The row is kept: still listed, still counted, now as hidden.
      const list = await reviewsOf(op.uscc);
      expect(list.nodes.find((r: any) => r.id === review.id)).toMatchObject({ status: 'HIDDEN_BY_PLATFORM', text: '货不对板' });
      const statsHidden = await statsOf(op.uscc);
      expect(statsHidden.reviewCount).toBe(statsRecorded.reviewCount);
      expect(statsHidden.hiddenByPlatformCount).toBe(statsRecorded.hiddenByPlatformCount + 1);
      expect(statsHidden.visibleCount).toBe(statsRecorded.visibleCount - 1);
      expect(statsHidden.averageRating).toBe(statsRecorded.averageRating);
      const onPlatform = statsHidden.byPlatform.find((p: any) => p.platformId === shop.platformId);
      expect(onPlatform.hiddenByPlatformCount).toBeGreaterThanOrEqual(1);

      // Restoring it is one more status row; history keeps both.
      const restored = await q(CHANGE, {
        input: { reviewId: review.id, status: 'VISIBLE', reason: '复核后恢复展示', actor: '广州市商务局' },
      });
      expect(restored.errors).toBeUndefined();
      expect(restored.data!.changeConsumerReviewStatus.statusHistory.map((s: any) => s.toStatus)).toEqual(['HIDDEN_BY_PLATFORM', 'VISIBLE']);
    });

    it('has no delete path: deletion attempts are refused and the review stays unchanged', async () => {
      const op = plan.operators[3];
      const shop = (await operatorFields(op.uscc, 'storefronts { platformId shopId }')).storefronts[0];
      const recorded = await q(RECORD, { input: { platformId: shop.platformId, operatorUscc: op.uscc, rating: 2, text: '差评' } });
      expect(recorded.errors).toBeUndefined();
      const id = recorded.data!.recordConsumerReview.id;
      const before = await reviewsOf(op.uscc);
      const statsBefore = await statsOf(op.uscc);

      // A "DELETED" status is no status at all.
      await refused(CHANGE, { input: { reviewId: id, status: 'DELETED', reason: '商家要求删除', actor: 'platform' } });
      // Hiding needs a reason.
      await refused(CHANGE, { input: { reviewId: id, status: 'HIDDEN_BY_PLATFORM', reason: '   ', actor: 'platform' } }, /reason/);
      await refused(CHANGE, { input: { reviewId: id, status: 'HIDDEN_BY_PLATFORM', actor: 'platform' } });
      // Same status again, unknown review.
      await refused(CHANGE, { input: { reviewId: id, status: 'VISIBLE', reason: '无变化', actor: 'platform' } }, /already/);
      await refused(CHANGE, { input: { reviewId: '99999999', status: 'HIDDEN_BY_PLATFORM', reason: '屏蔽', actor: 'platform' } }, /Unknown/);
      // There is no delete mutation in the schema.
      const del = await q(`mutation { deleteConsumerReview(id: "${id}") }`);
      expect(errorCode(del)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(del.errors![0].message).toMatch(/deleteConsumerReview/);
      const literal = await q(`mutation { changeConsumerReviewStatus(input: { reviewId: "${id}", status: DELETED, reason: "删除", actor: "x" }) { id } }`);
      expect(errorCode(literal)).toBe('GRAPHQL_VALIDATION_FAILED');

      expect(await reviewsOf(op.uscc)).toEqual(before);
      expect(await statsOf(op.uscc)).toEqual(statsBefore);
    });

    it('refuses bad reviews and writes nothing', async () => {
      const op = plan.operators[4];
      const shop = (await operatorFields(op.uscc, 'storefronts { platformId shopId }')).storefronts[0];
      const other = plan.operators[5];
      const otherShop = (await operatorFields(other.uscc, 'storefronts { platformId shopId }')).storefronts[0];
      const before = await reviewsOf(op.uscc);
      const ok = { platformId: shop.platformId, operatorUscc: op.uscc, rating: 4, text: '不错' };
      await refused(RECORD, { input: { ...ok, rating: 6 } }, /rating/);
      await refused(RECORD, { input: { ...ok, rating: 0 } }, /rating/);
      await refused(RECORD, { input: { ...ok, operatorUscc: INVALID_USCC } }, /check character/);
      await refused(RECORD, { input: { ...ok, platformId: 'nowhere' } }, /Unknown platform/);
      await refused(RECORD, { input: { ...ok, platformId: otherShop.platformId, shopId: otherShop.shopId } }, /not a storefront/);
      await refused(RECORD, { input: { ...ok, postedAt: '2026-12-01T00:00:00Z' } }, /future/);
      await refused(RECORD, { input: { ...ok, text: 'x'.repeat(1001) } }, /text/);
      expect(await reviewsOf(op.uscc)).toEqual(before);
    });
  });

  describe('operator credit evaluations', () => {
    const RECORD = `mutation($input: RecordOperatorCreditEvaluationInput!) {
      recordOperatorCreditEvaluation(input: $input) { id evaluatorKind evaluatorName standard evaluatedOn overallSatisfaction productQuality brandReputation afterSalesService score grade rulesVersion platform { id } }
    }`;

    const PUBLISH_RULES = `mutation($input: PublishPlatformRuleDocumentInput!) {
      publishPlatformRuleDocument(input: $input) { version effectiveOn evaluationRules { weightsPercent { overallSatisfaction } gradeThresholds { grade minimumScore } } }
    }`;
    /** A platform whose latest credit evaluation rules took effect before `date`, and that version. */
    const evaluationRulesBefore = async (date: string) => {
      for (const p of plan.platforms) {
        const res = await q(`query($id: ID!) { platform(id: $id) { ruleDocuments(kind: CREDIT_EVALUATION_RULES) { version effectiveOn } } }`, { id: p.id });
        const latest = res.data!.platform.ruleDocuments[0];
        if (latest.effectiveOn < date) return { platformId: p.id, latest };
      }
      throw new Error('no platform with credit evaluation rules in force');
    };
    // A platform grading on overall satisfaction alone, with stricter bounds than the city table.
    const OWN_RULES = {
      weightsPercent: { overallSatisfaction: 100, productQuality: 0, brandReputation: 0, afterSalesService: 0 },
      gradeThresholds: [
        { grade: 'AAA', minimumScore: 95 }, { grade: 'AA', minimumScore: 88 }, { grade: 'A', minimumScore: 80 },
        { grade: 'BBB', minimumScore: 70 }, { grade: 'BB', minimumScore: 60 }, { grade: 'B', minimumScore: 50 },
        { grade: 'CCC', minimumScore: 40 }, { grade: 'CC', minimumScore: 30 }, { grade: 'C', minimumScore: 0 },
      ],
    };

    it('grades a third-party evaluation by the city fallback table, a platform evaluation by the platform\'s own rules in force that day', async () => {
      const op = plan.operators[6];
      const indicators = { overallSatisfaction: 90, productQuality: 80, brandReputation: 70, afterSalesService: 60 };
      const res = await q(RECORD, {
        input: { operatorUscc: op.uscc, evaluatorKind: 'THIRD_PARTY', evaluatorName: '粤信评信用服务有限公司', standard: 'GB_T_26842_2011', evaluatedOn: '2026-10-01', ...indicators },
      });
      expect(res.errors).toBeUndefined();
      // City fallback table, 2024 weights 25/30/15/30: 22.5 + 24 + 10.5 + 18 = 75.0 → A
      expect(res.data!.recordOperatorCreditEvaluation).toMatchObject({ score: 75, grade: 'A', rulesVersion: 'gzcom-evaluation-2024', platform: null });

      const { platformId, latest } = await evaluationRulesBefore('2026-10-25');
      const published = await q(PUBLISH_RULES, {
        input: {
          platformId, kind: 'CREDIT_EVALUATION_RULES', title: '信用评价规则（修订）', consultationStartsOn: '2026-10-01',
          publishedOn: '2026-10-18', effectiveOn: '2026-10-25', summary: '仅以综合满意度评价', evaluationRules: OWN_RULES,
        },
      });
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishPlatformRuleDocument).toMatchObject({
        version: latest.version + 1, evaluationRules: { weightsPercent: { overallSatisfaction: 100 }, gradeThresholds: OWN_RULES.gradeThresholds },
      });
      const platformEvaluation = (evaluatedOn: string) => q(RECORD, {
        input: { operatorUscc: op.uscc, evaluatorKind: 'PLATFORM', evaluatorName: platformId, platformId, standard: 'GB_T_36312_2018', evaluatedOn, ...indicators },
      });
      // In force on 2026-10-25: overall satisfaction alone, 90 → AA under the platform's bounds (the city table says A).
      const graded = await platformEvaluation('2026-10-26');
      expect(graded.errors).toBeUndefined();
      expect(graded.data!.recordOperatorCreditEvaluation).toMatchObject({
        score: 90, grade: 'AA', rulesVersion: `${platformId} CREDIT_EVALUATION_RULES v${latest.version + 1}`, platform: { id: platformId },
      });
      // The day before, the platform's previous version grades it.
      const before = await platformEvaluation('2026-10-24');
      expect(before.data!.recordOperatorCreditEvaluation.rulesVersion).toBe(`${platformId} CREDIT_EVALUATION_RULES v${latest.version}`);
      const listed = (await operatorFields(op.uscc, 'platformEvaluations { id }')).platformEvaluations.map((e: any) => e.id);
      expect(listed).toEqual(expect.arrayContaining([res.data!.recordOperatorCreditEvaluation.id, graded.data!.recordOperatorCreditEvaluation.id]));
    });

    it('refuses credit evaluation rules that cannot grade, or on a document of another kind', async () => {
      const { platformId } = await evaluationRulesBefore('2026-10-25');
      const input = {
        platformId, kind: 'CREDIT_EVALUATION_RULES', title: '信用评价规则', consultationStartsOn: '2026-10-01',
        publishedOn: '2026-10-18', effectiveOn: '2026-12-01', summary: '修订',
      };
      const weights = { ...OWN_RULES, weightsPercent: { ...OWN_RULES.weightsPercent, productQuality: 10 } };
      await refused(PUBLISH_RULES, { input: { ...input, evaluationRules: weights } }, /weightsPercent` must add up to 100, got 110/);
      const unordered = { ...OWN_RULES, gradeThresholds: OWN_RULES.gradeThresholds.map((t) => (t.grade === 'A' ? { ...t, minimumScore: 90 } : t)) };
      await refused(PUBLISH_RULES, { input: { ...input, evaluationRules: unordered } }, /A minimum score \(90\) must be below AA's \(88\)/);
      const missing = { ...OWN_RULES, gradeThresholds: OWN_RULES.gradeThresholds.slice(0, 8) };
      await refused(PUBLISH_RULES, { input: { ...input, evaluationRules: missing } }, /must name each grade once/);
      await refused(PUBLISH_RULES, { input: { ...input, kind: 'TRANSACTION_RULES', evaluationRules: OWN_RULES } }, /belong to a CREDIT_EVALUATION_RULES document/);
    });

    it('refuses indicators outside 0-100 and other bad input, writing nothing', async () => {
      const op = plan.operators[7];
      const before = await operatorFields(op.uscc, 'platformEvaluations { id score }');
      const ok = {
        operatorUscc: op.uscc, evaluatorKind: 'THIRD_PARTY', evaluatorName: '粤信评信用服务有限公司', standard: 'GB_T_26842_2011',
        evaluatedOn: '2026-10-01', overallSatisfaction: 50, productQuality: 50, brandReputation: 50, afterSalesService: 50,
      };
      await refused(RECORD, { input: { ...ok, productQuality: 101 } }, /productQuality/);
      await refused(RECORD, { input: { ...ok, afterSalesService: -1 } }, /afterSalesService/);
      await refused(RECORD, { input: { ...ok, evaluatorKind: 'PLATFORM' } }, /platformId/);
      await refused(RECORD, { input: { ...ok, platformId: 'nowhere' } }, /Unknown platform/);
      await refused(RECORD, { input: { ...ok, evaluatedOn: '2026-11-02' } }, /today/);
      await refused(RECORD, { input: { ...ok, operatorUscc: '9144' } }, /credit code/);
      // The composite is derived by market regulation now; typing one in is refused.
      const composite = await refused(RECORD, { input: { ...ok, evaluatorKind: 'GOVERNMENT_COMPOSITE', evaluatorName: '广州市商务局' } }, /derived/);
      expect(composite.errors![0].message).toContain('Operator.creditAssessment');
      expect(await operatorFields(op.uscc, 'platformEvaluations { id score }')).toEqual(before);
    });
  });

  describe('transaction risk alerts', () => {
    const ISSUE = `mutation($input: IssueTransactionRiskAlertInput!) {
      issueTransactionRiskAlert(input: $input) { id kind level consumerMessage issuedOn expiresOn active platform { id } }
    }`;

    it('issues an alert with the default period of its level', async () => {
      const op = plan.operators[8];
      const res = await q(ISSUE, {
        input: { operatorUscc: op.uscc, platformId: op.platformIds[0], kind: 'FAKE_TRANSACTIONS', level: 'HIGH', consumerMessage: '该店铺存在刷单行为' },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.issueTransactionRiskAlert).toMatchObject({
        kind: 'FAKE_TRANSACTIONS', level: 'HIGH', issuedOn: TODAY, expiresOn: '2027-04-30', active: true, platform: { id: op.platformIds[0] },
      });
      const alerts = (await operatorFields(op.uscc, 'riskAlerts(activeOnly: true) { id }')).riskAlerts;
      expect(alerts.map((a: any) => a.id)).toContain(res.data!.issueTransactionRiskAlert.id);
    });

    it('refuses bad alerts, writing nothing', async () => {
      const op = plan.operators[9];
      const before = await operatorFields(op.uscc, 'riskAlerts { id }');
      const ok = { operatorUscc: op.uscc, platformId: op.platformIds[0], kind: 'COUNTERFEIT_GOODS', level: 'MEDIUM', consumerMessage: '谨慎购买', issuedOn: '2026-10-01' };
      await refused(ISSUE, { input: { ...ok, expiresOn: '2026-09-30' } }, /expiresOn/);
      await refused(ISSUE, { input: { ...ok, expiresOn: '2027-12-01' } }, /at most 365/);
      await refused(ISSUE, { input: { ...ok, consumerMessage: '' } }, /consumerMessage/);
      await refused(ISSUE, { input: { ...ok, operatorUscc: INVALID_USCC } });
      await refused(ISSUE, { input: { ...ok, level: 'EXTREME' } });
      await refused(ISSUE, { input: { ...ok, issuedOn: '2026-11-05' } }, /today/);
      expect(await operatorFields(op.uscc, 'riskAlerts { id }')).toEqual(before);
    });
  });

  describe('advance compensation claims (先行赔付)', () => {
    const CLAIM_FIELDS = 'id status claimedAmount claimedOn paidAmount paidOn recoveredAmount recoveredOn rejectedOn rejectionReason';
    const FILE = `mutation($input: FileAdvanceCompensationClaimInput!) { fileAdvanceCompensationClaim(input: $input) { ${CLAIM_FIELDS} } }`;
    const PAY = `mutation($input: RecordAdvanceCompensationPaymentInput!) { recordAdvanceCompensationPayment(input: $input) { ${CLAIM_FIELDS} } }`;
    const RECOVER = `mutation($input: RecordAdvanceCompensationRecoveryInput!) { recordAdvanceCompensationRecovery(input: $input) { ${CLAIM_FIELDS} } }`;
    const REJECT = `mutation($input: RejectAdvanceCompensationClaimInput!) { rejectAdvanceCompensationClaim(input: $input) { ${CLAIM_FIELDS} } }`;
    const claimsOf = async (uscc: string) => (await operatorFields(uscc, `advanceCompensations { ${CLAIM_FIELDS} }`)).advanceCompensations;

    it('enforces the lifecycle CLAIMED → PAID_BY_PLATFORM → RECOVERED_FROM_SELLER with ordered dates and amounts', async () => {
      const op = plan.operators[10];
      const platformId = op.platformIds[0];
      const filed = await q(FILE, {
        input: { platformId, operatorUscc: op.uscc, claimReference: 'TEST-CLAIM-1', reason: '收到假货', claimedAmount: '300.50', claimedOn: '2026-10-01' },
      });
      expect(filed.errors).toBeUndefined();
      const claim = filed.data!.fileAdvanceCompensationClaim;
      expect(claim).toMatchObject({ status: 'CLAIMED', claimedAmount: '300.50', paidAmount: null, recoveredAmount: null });
      const snapshot = async () => (await claimsOf(op.uscc)).find((c: any) => c.id === claim.id);

      // Recovery before payment is out of order.
      await refused(RECOVER, { input: { claimId: claim.id, recoveredAmount: '100.00', recoveredOn: '2026-10-10' } }, /CLAIMED/);
      // Payment before the claim, above the claim, negative, malformed.
      await refused(PAY, { input: { claimId: claim.id, paidAmount: '300.50', paidOn: '2026-09-30' } }, /paidOn/);
      await refused(PAY, { input: { claimId: claim.id, paidAmount: '300.51', paidOn: '2026-10-05' } }, /exceed/);
      await refused(PAY, { input: { claimId: claim.id, paidAmount: '-10.00', paidOn: '2026-10-05' } }, /negative/);
      await refused(PAY, { input: { claimId: claim.id, paidAmount: '10.001', paidOn: '2026-10-05' } }, /decimal/);
      await refused(PAY, { input: { claimId: claim.id, paidAmount: '10.00', paidOn: '2026-11-02' } }, /today/);
      expect(await snapshot()).toEqual(claim);

      const paid = await q(PAY, { input: { claimId: claim.id, paidAmount: '300.50', paidOn: '2026-10-05' } });
      expect(paid.errors).toBeUndefined();
      expect(paid.data!.recordAdvanceCompensationPayment).toMatchObject({ status: 'PAID_BY_PLATFORM', paidAmount: '300.50', paidOn: '2026-10-05' });
      const paidState = await snapshot();
      expect(paidState).toEqual(paid.data!.recordAdvanceCompensationPayment);

      await refused(PAY, { input: { claimId: claim.id, paidAmount: '1.00', paidOn: '2026-10-06' } }, /PAID_BY_PLATFORM/);
      await refused(REJECT, { input: { claimId: claim.id, rejectedOn: '2026-10-06', reason: '不予赔付' } }, /PAID_BY_PLATFORM/);
      await refused(RECOVER, { input: { claimId: claim.id, recoveredAmount: '100.00', recoveredOn: '2026-10-04' } }, /recoveredOn/);
      await refused(RECOVER, { input: { claimId: claim.id, recoveredAmount: '300.51', recoveredOn: '2026-10-20' } }, /exceed/);
      await refused(RECOVER, { input: { claimId: claim.id, recoveredAmount: '-1', recoveredOn: '2026-10-20' } }, /negative/);
      expect(await snapshot()).toEqual(paidState);

      const recovered = await q(RECOVER, { input: { claimId: claim.id, recoveredAmount: '200.00', recoveredOn: '2026-10-20' } });
      expect(recovered.errors).toBeUndefined();
      expect(recovered.data!.recordAdvanceCompensationRecovery).toMatchObject({
        status: 'RECOVERED_FROM_SELLER', claimedAmount: '300.50', paidAmount: '300.50', recoveredAmount: '200.00', recoveredOn: '2026-10-20',
      });
      const recoveredState = await snapshot();
      await refused(RECOVER, { input: { claimId: claim.id, recoveredAmount: '100.50', recoveredOn: '2026-10-21' } }, /RECOVERED_FROM_SELLER/);
      expect(await snapshot()).toEqual(recoveredState);

      const listed = await q(`query($uscc: UnifiedSocialCreditCode!) { advanceCompensationClaims(filter: { operatorUscc: $uscc, status: RECOVERED_FROM_SELLER }) { nodes { id } } }`, { uscc: op.uscc });
      expect(listed.data!.advanceCompensationClaims.nodes.map((n: any) => n.id)).toContain(claim.id);
    });

    it('refuses negative, zero and malformed claim amounts and other bad claims, and a duplicate as CONFLICT, writing nothing', async () => {
      const op = plan.operators[11];
      const before = await claimsOf(op.uscc);
      const ok = { platformId: op.platformIds[0], operatorUscc: op.uscc, claimReference: 'TEST-CLAIM-2', reason: '质量问题', claimedAmount: '99.00', claimedOn: '2026-10-01' };
      await refused(FILE, { input: { ...ok, claimedAmount: '-100.00' } }, /negative/);
      await refused(FILE, { input: { ...ok, claimedAmount: '0.00' } }, /greater than zero/);
      await refused(FILE, { input: { ...ok, claimedAmount: 'abc' } }, /decimal/);
      await refused(FILE, { input: { ...ok, claimedOn: '2026-11-02' } }, /today/);
      await refused(FILE, { input: { ...ok, operatorUscc: INVALID_USCC } }, /check character/);
      await refused(FILE, { input: { ...ok, platformId: 'nowhere' } }, /Unknown platform/);
      expect(await claimsOf(op.uscc)).toEqual(before);

      const filed = await q(FILE, { input: ok });
      expect(filed.errors).toBeUndefined();
      const afterFiling = await claimsOf(op.uscc);
      const again = await q(FILE, { input: ok });
      expect(again.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT', duplicate: { platformId: ok.platformId, claimReference: ok.claimReference },
      });
      expect(again.errors![0].message).toMatch(/already exists/);
      expect(await claimsOf(op.uscc)).toEqual(afterFiling);
    });

    it('rejects a claim only while CLAIMED and not before it was filed', async () => {
      const op = plan.operators[12];
      const filed = await q(FILE, {
        input: { platformId: op.platformIds[0], operatorUscc: op.uscc, claimReference: 'TEST-CLAIM-3', reason: '七天无理由退货被拒', claimedAmount: '50', claimedOn: '2026-10-10' },
      });
      expect(filed.errors).toBeUndefined();
      const id = filed.data!.fileAdvanceCompensationClaim.id;
      expect(filed.data!.fileAdvanceCompensationClaim.claimedAmount).toBe('50.00');
      await refused(REJECT, { input: { claimId: id, rejectedOn: '2026-10-09', reason: '不予赔付' } }, /rejectedOn/);
      await refused(REJECT, { input: { claimId: 'abc', rejectedOn: '2026-10-11', reason: '不予赔付' } }, /claimId/);
      const rejected = await q(REJECT, { input: { claimId: id, rejectedOn: '2026-10-11', reason: '超出赔付范围' } });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data!.rejectAdvanceCompensationClaim).toMatchObject({ status: 'REJECTED', rejectedOn: '2026-10-11', rejectionReason: '超出赔付范围' });
      await refused(PAY, { input: { claimId: id, paidAmount: '50.00', paidOn: '2026-10-12' } }, /REJECTED/);
    });
  });

  describe('commerce ministry list entries', () => {
    const RECORD = `mutation($input: RecordCommerceListEntryInput!) {
      recordCommerceListEntry(input: $input) { id list listedOn periodMonths expiresOn active rulesVersion }
    }`;

    it('records entries with expiry from the versioned list rules and refuses periods above the maximum', async () => {
      const op = plan.operators[13];
      const before = await operatorFields(op.uscc, 'commerceListEntries { id }');
      const ok = { operatorUscc: op.uscc, list: 'KEY_ATTENTION', reason: '多次拒不履行追偿义务', decisionNumber: '穗商信〔2026〕88号', decidingAuthority: '广州市商务局', listedOn: '2026-10-01' };
      await refused(RECORD, { input: { ...ok, periodMonths: 25 } }, /periodMonths/);
      await refused(RECORD, { input: { ...ok, listedOn: '2026-11-02' } }, /today/);
      await refused(RECORD, { input: { ...ok, reason: '' } }, /reason/);
      await refused(RECORD, { input: { ...ok, operatorUscc: INVALID_USCC } });
      expect(await operatorFields(op.uscc, 'commerceListEntries { id }')).toEqual(before);

      const keyAttention = await q(RECORD, { input: ok });
      expect(keyAttention.errors).toBeUndefined();
      expect(keyAttention.data!.recordCommerceListEntry).toMatchObject({ list: 'KEY_ATTENTION', periodMonths: null, expiresOn: '2028-09-30', active: true });
      const joint = await q(RECORD, { input: { ...ok, list: 'JOINT_PUNISHMENT', periodMonths: 36 } });
      expect(joint.errors).toBeUndefined();
      expect(joint.data!.recordCommerceListEntry).toMatchObject({ periodMonths: 36, expiresOn: '2029-09-30' });
      const entries = (await operatorFields(op.uscc, 'commerceListEntries(activeOnly: true) { id }')).commerceListEntries;
      expect(entries).toHaveLength(before.commerceListEntries.length + 2);
    });
  });
});
