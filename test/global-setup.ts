import { encodeProbeResult, loadTestServiceSettings, PROBE_RESULT_VARIABLE, probeServices, SERVICE_NAMES } from './support/services';

/**
 * Probes Redis, NATS and (when OCG_TEST_POSTGRES is set) PostgreSQL once per run. Tests that need a missing
 * service are reported as not run; with OCG_REQUIRE_SERVICES=1 (CI) a missing service fails the run instead.
 */
export default async function globalSetup(): Promise<void> {
  const settings = loadTestServiceSettings();
  const unreachable = await probeServices(settings);
  const postgres = unreachable.find((u) => u.service === 'postgres');
  // OCG_TEST_POSTGRES moves the whole suite onto PostgreSQL: without it nothing could run, so say so at once.
  if (postgres) throw new Error(`OCG_TEST_POSTGRES is set but ${postgres.reason}: start PostgreSQL or unset OCG_TEST_POSTGRES`);
  if (settings.requireServices && unreachable.length > 0) {
    throw new Error(
      `OCG_REQUIRE_SERVICES=1 but ${unreachable.map((u) => u.reason).join(', ')}: start ${unreachable
        .map((u) => SERVICE_NAMES[u.service])
        .join(' and ')} (.ci/run starts them), or unset OCG_REQUIRE_SERVICES to report those tests as not run`,
    );
  }
  // Workers are started after this and inherit the environment.
  process.env[PROBE_RESULT_VARIABLE] = encodeProbeResult(unreachable);
}
