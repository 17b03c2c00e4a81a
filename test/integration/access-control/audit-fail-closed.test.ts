import { openAccessControlStore, type AccessControlStore } from '../../../shared/access-control';
import { postalSubgraph } from '../../../subgraphs/postal';
import { reps, testUscc } from '../postal/helpers';
import { startSubgraphForTest, SubgraphHarness } from '../../support/subgraph-harness';

/** A read of non-public data is served only once its audit record is committed: no audit, no data. */

const COMPLAINTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Operator { uscc postalComplaints { id category } } }
}`;
const PUBLIC_ONLY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Operator { uscc holdsValidExpressPermit } }
}`;

let h: SubgraphHarness;
let store: AccessControlStore;

beforeAll(async () => {
  h = await startSubgraphForTest(postalSubgraph, { seedOperators: 3 });
  store = await openAccessControlStore(h.config.accessControl);
});
afterAll(async () => {
  await store?.close();
  await h?.stop();
});

async function breakAuditLog() {
  await store.dataSource.query(
    store.kind === 'postgres'
      ? `CREATE FUNCTION refuse_all() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store fault'; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse_all BEFORE INSERT ON "audit_record" FOR EACH ROW EXECUTE FUNCTION refuse_all()`
      : `CREATE TRIGGER refuse_all BEFORE INSERT ON "audit_record" BEGIN SELECT RAISE(ABORT, 'audit store fault'); END`,
  );
}

it('withholds a read whose audit record cannot be written, and serves it again once the log is back', async () => {
  const agency = await h.as({ role: 'agency', agency: 'customs' });
  const uscc = testUscc(1);
  const served = await h.query(COMPLAINTS, reps([uscc]), agency);
  expect(served.errors).toBeUndefined();
  const logged = (await store.accessLogOf(uscc)).totalCount;
  expect(logged).toBe(1);

  await breakAuditLog();
  const withheld = await h.query(COMPLAINTS, reps([uscc]), agency);
  expect(withheld.data ?? null).toBeNull();
  expect(withheld.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
  expect(JSON.stringify(withheld.errors)).not.toMatch(/audit store fault|INSERT|audit_record/);
  // Public fields need no audit record and are still served.
  const pub = await h.query(PUBLIC_ONLY, reps([uscc]));
  expect(pub.errors).toBeUndefined();

  await store.dataSource.query(`DROP TRIGGER refuse_all${store.kind === 'postgres' ? ' ON "audit_record"' : ''}`);
  const again = await h.query(COMPLAINTS, reps([uscc]), agency);
  expect(again.errors).toBeUndefined();
  expect((await store.accessLogOf(uscc)).totalCount).toBe(2);
  expect(await store.verify()).toMatchObject({ ok: true });
});
