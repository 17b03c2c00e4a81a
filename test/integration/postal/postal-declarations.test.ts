import { readDeclarations } from '../../../shared/auth/field-guard';
import { ShareClass } from '../../../shared/auth/share-class';
import { buildFederatedSchema } from '../../../shared/subgraph/build-schema';
import { postalSubgraph } from '../../../subgraphs/postal';

describe('postal access declarations', () => {
  it('declares every field of the postal schema', async () => {
    const { schema } = await buildFederatedSchema(postalSubgraph);
    expect(readDeclarations(schema).undeclared).toEqual([]);
  });

  it('declares the classes of the postal classification', async () => {
    const { schema } = await buildFederatedSchema(postalSubgraph);
    const byCoordinate = new Map(readDeclarations(schema).declarations.map((d) => [d.coordinate, d]));
    const classOf = (coordinate: string) => byCoordinate.get(coordinate)?.shareClass;
    const expected: Record<string, ShareClass> = {
      'Operator.uscc': ShareClass.PUBLIC,
      'Operator.expressPermit': ShareClass.PUBLIC,
      // customs `@requires` it: it must stay public
      'Operator.holdsValidExpressPermit': ShareClass.PUBLIC,
      'Operator.postalComplaints': ShareClass.AUTHORIZED_QUERY,
      'Operator.parcelStats': ShareClass.GOV_SHARED,
      'Operator.emptyParcelSignals': ShareClass.GOV_SHARED,
      'ExpressPermit.revocationReason': ShareClass.PUBLIC,
      'ExpressPermit.branches': ShareClass.PUBLIC,
      'ExpressPermitBranch.address': ShareClass.PUBLIC,
      'ExpressCarrier.creditGrades': ShareClass.PUBLIC,
      'ExpressCarrierCreditGrade.grade': ShareClass.PUBLIC,
      'PostalComplaint.category': ShareClass.AUTHORIZED_QUERY,
      'PostalComplaint.replyOverdue': ShareClass.AUTHORIZED_QUERY,
      'PostalComplaint.complainantName': ShareClass.PII,
      'PostalComplaint.handlerNote': ShareClass.AGENCY_PRIVATE,
      'ParcelVolumeStatistic.parcels': ShareClass.GOV_SHARED,
      'ParcelVolumeStatistic.emptyParcelScore': ShareClass.GOV_SHARED,
      'EmptyParcelSignal.score': ShareClass.GOV_SHARED,
      'EmptyParcelSignal.features': ShareClass.AGENCY_PRIVATE,
      'EmptyParcelSignalFeature.contribution': ShareClass.AGENCY_PRIVATE,
      'EmptyParcelSignalComputation.raised': ShareClass.GOV_SHARED,
      'Query.expressPermits': ShareClass.PUBLIC,
      'Query.expressCarriers': ShareClass.PUBLIC,
      'Query.expressCarrierCreditGrades': ShareClass.PUBLIC,
      'Query.postalComplaints': ShareClass.GOV_SHARED,
      'Query.parcelVolumeStatistics': ShareClass.GOV_SHARED,
      'Query.emptyParcelSignals': ShareClass.GOV_SHARED,
    };
    for (const [coordinate, shareClass] of Object.entries(expected)) expect([coordinate, classOf(coordinate)]).toEqual([coordinate, shareClass]);
    expect(byCoordinate.get('PostalComplaint.complainantName')?.mask).toBe('PERSON_NAME');
    expect(byCoordinate.get('PostalComplaint.handlerNote')?.scopes).toEqual([['agency:postal'], ['admin']]);
    expect(byCoordinate.get('EmptyParcelSignal.features')?.scopes).toEqual([['agency:postal'], ['admin']]);
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThanOrEqual(9);
    for (const m of mutations) {
      expect([m, classOf(`Mutation.${m}`), byCoordinate.get(`Mutation.${m}`)?.scopes]).toEqual([m, ShareClass.AGENCY_WRITE, [['postal:write']]]);
    }
  });
});
