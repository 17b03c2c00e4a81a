import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse, print, validate } from 'graphql';
import { stripSecurityDirectives } from '../../../gateway/authorization/supergraph-security';
import { COMMITTED_SUPERGRAPH } from '../../../gateway/supergraph/location';
import { PROJECT_ROOT } from '../../../shared/config/paths';
import { DEFAULT_LIMITS } from '../../../shared/config/operation-limits';
import { countTokens, estimateCost, measureDocument } from '../../../shared/graphql/operation-limits';
import { readManifest } from '../../../gateway/persisted-operations/manifest';

/** Every GraphQL example in the README runs against the committed supergraph: the docs cannot drift. */
describe('README examples', () => {
  const schema = buildASTSchema(parse(stripSecurityDirectives(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'))), {
    assumeValidSDL: true,
  });
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  // A block may hold several operations, each starting at the beginning of a line.
  const operations = blocks.flatMap((block) =>
    block
      .split(/\n(?=\{|mutation|query)/)
      .map((op) => op.replace(/#.*$/gm, '').replace(/…/g, 'x').trim())
      .filter(Boolean),
  );

  it('has examples', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it.each(operations.map((op) => [op.slice(0, 60).replace(/\s+/g, ' '), op]))('is valid: %s', (_label, op) => {
    const errors = validate(schema, parse(op)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  // Every example is run by callers of the standard tier (public, evaluator, operator) somewhere in the README.
  it.each(operations.map((op) => [op.slice(0, 60).replace(/\s+/g, ' '), op]))('fits the standard operation limits: %s', (_label, op) => {
    const limits = DEFAULT_LIMITS.standard;
    const document = parse(op);
    const figures = { ...measureDocument(schema, document), tokens: countTokens(op) };
    // The README's examples with variables: an operator by $uscc, a feed cursor, a platform's restriction report.
    const variables = {
      uscc: '91440113MAX412H18G',
      after: null,
      upTo: 'cursor',
      input: { platformId: 'taobao', operatorUscc: '91440113MAX412H18G', restriction: 'RESTRICTED_ONBOARDING', basisDecisionNumber: 'x', appliedOn: '2026-10-21' },
    };
    const cost = estimateCost(schema, document, undefined, variables, { maxPageSize: 100, assumedListSize: 10 }) ?? Infinity;
    for (const name of ['tokens', 'depth', 'aliases', 'rootFields', 'directives', 'fields'] as const) {
      expect([name, figures[name]]).toEqual([name, expect.any(Number)]);
      expect(figures[name]).toBeLessThanOrEqual(limits[name]);
    }
    expect(cost).toBeLessThanOrEqual(limits.cost);
  });

  // Evaluators may run registered operations only: the README's evaluator examples must be among them.
  it('shows evaluators only registered operations', () => {
    const registered = new Set(readManifest().operations.map((o) => print(parse(o.body))));
    const evaluatorExamples = operations.filter((op) => /^query Evaluator/.test(op));
    expect(evaluatorExamples.length).toBeGreaterThan(0);
    for (const op of evaluatorExamples) expect(registered.has(print(parse(op)))).toBe(true);
  });
});
