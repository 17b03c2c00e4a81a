import fs from 'node:fs';
import { collectRuleFigures, RULE_FIGURES_DOC, renderRuleFiguresDoc } from './rule-figures';

/** `npm run rule-figures`: writes docs/rule-figures.md from the compiled rules; refuses while a figure has no source. */
const figures = collectRuleFigures();
const missing = figures.filter((f) => f.source === null);
// The compiled tree lives in dist/: the doc goes to the repository's docs/.
const target = RULE_FIGURES_DOC.replace(/([\\/])dist([\\/])docs/, '$1docs');
fs.writeFileSync(target, renderRuleFiguresDoc(figures));
process.stdout.write(`wrote ${target}\n`);
if (missing.length > 0) {
  process.stderr.write(`${missing.length} figures without a source:\n${missing.map((f) => `  ${f.module} ${f.family} ${f.version ?? ''} ${f.figure}`).join('\n')}\n`);
  process.exit(1);
}
