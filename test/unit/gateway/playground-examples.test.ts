import fs from 'node:fs';
import { buildASTSchema, parse, print, validate } from 'graphql';
import { stripSecurityDirectives } from '../../../gateway/authorization/supergraph-security';
import { readManifest } from '../../../gateway/persisted-operations/manifest';
import { playgroundExamples } from '../../../gateway/playground/examples';
import { COMMITTED_SUPERGRAPH } from '../../../gateway/supergraph/location';
import { DEFAULT_LIMITS } from '../../../shared/config/operation-limits';
import { countTokens, estimateCost, measureDocument } from '../../../shared/graphql/operation-limits';

/** The playground's saved operations run as they are: valid, within the standard limits, evaluators' registered. */
describe('playground examples', () => {
  const schema = buildASTSchema(parse(stripSecurityDirectives(fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'))), {
    assumeValidSDL: true,
  });
  const examples = playgroundExamples();

  it('cover the public, agencies, evaluators and platforms', () => {
    for (const group of ['public', 'agency', 'evaluator', 'platform']) {
      expect([group, examples.some((e) => e.group === group)]).toEqual([group, true]);
    }
  });

  it.each(examples.map((e) => [e.name, e]))('is valid and within the standard limits: %s', (_name, example) => {
    const document = parse(example.query);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const figures = { ...measureDocument(schema, document), tokens: countTokens(example.query) };
    const limits = DEFAULT_LIMITS.standard;
    for (const name of ['tokens', 'depth', 'aliases', 'rootFields', 'directives', 'fields'] as const) {
      expect([name, figures[name] <= limits[name]]).toEqual([name, true]);
    }
    const cost = estimateCost(schema, document, undefined, example.variables ?? {}, { maxPageSize: 100, assumedListSize: 10 });
    expect(cost).toBeLessThanOrEqual(limits.cost);
  });

  it('offers evaluators only registered operations', () => {
    const registered = new Set(readManifest().operations.map((o) => print(parse(o.body))));
    const evaluator = examples.filter((e) => e.group === 'evaluator');
    expect(evaluator.map((e) => e.name)).toEqual(expect.arrayContaining(['EvaluatorCreditReport', 'EvaluatorOperatorSummary']));
    for (const e of evaluator) expect([e.name, registered.has(print(parse(e.query)))]).toEqual([e.name, true]);
  });
});
