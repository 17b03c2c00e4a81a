import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from '../../../shared/config/paths';

const COMMITTED = 'clients/example/generated/graphql.ts';

// The typed operations are committed; they must be what `npm run codegen` makes of today's supergraph.
describe(COMMITTED, () => {
  it('is up to date with the supergraph and the operations (run `npm run codegen`)', () => {
    const config = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'clients/example/codegen.yml'), 'utf8'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocg-codegen-'));
    try {
      const fresh = path.join(dir, 'graphql.ts');
      config.generates = { [fresh]: config.generates[COMMITTED] };
      fs.writeFileSync(path.join(dir, 'codegen.yml'), stringify(config));
      execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', path.join(dir, 'codegen.yml'), '--silent'], {
        cwd: PROJECT_ROOT,
        stdio: 'pipe',
      });
      expect(fs.readFileSync(path.join(PROJECT_ROOT, COMMITTED), 'utf8')).toBe(fs.readFileSync(fresh, 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
