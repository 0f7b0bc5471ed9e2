import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The dependency rules (docs/architecture.md) are lint rules: each fixture breaks one on purpose
// when linted as a file of the zone it names, and the same text is fine where the rule allows it.
const root = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });
const fixture = (name: string): string => readFileSync(join(root, 'test/fixtures/layering', `${name}.ts.txt`), 'utf8');

async function restrictedImports(name: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(fixture(name), { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CASES: { fixture: string; breaks: string; allowed: string; message: RegExp }[] = [
  { fixture: 'services-imports-api', breaks: 'src/main/services/x.ts', allowed: 'src/main/app/x.ts', message: /Services never import api\// },
  { fixture: 'api-imports-app', breaks: 'src/main/api/x.ts', allowed: 'src/main/electron/x.ts', message: /api\/ never imports app\// },
  { fixture: 'usp-imports-controller', breaks: 'src/main/usp/x.ts', allowed: 'src/main/services/x.ts', message: /USP core .* imports only src\/shared/ },
  { fixture: 'usp-imports-node-fs', breaks: 'src/main/usp/messages/x.ts', allowed: 'src/main/store/x.ts', message: /does no I\/O/ },
  { fixture: 'mtp-imports-controller', breaks: 'src/main/mtp/mqtt/x.ts', allowed: 'src/main/services/x.ts', message: /Transports .* import only usp\// },
  { fixture: 'controller-imports-mqtt', breaks: 'src/main/controller/x.ts', allowed: 'src/main/services/x.ts', message: /only through the Transport interface/ },
  { fixture: 'imports-sqlite', breaks: 'src/main/services/x.ts', allowed: 'src/main/store/x.ts', message: /Only src\/main\/store may import better-sqlite3/ },
  { fixture: 'imports-electron', breaks: 'src/main/cli/x.ts', allowed: 'src/main/electron/x.ts', message: /Only src\/main\/electron and src\/preload/ },
  { fixture: 'imports-electron', breaks: 'src/main/api/hosts/ipc/x.ts', allowed: 'src/preload/x.ts', message: /Only src\/main\/electron and src\/preload/ },
  { fixture: 'renderer-imports-main', breaks: 'src/renderer/features/x.tsx', allowed: 'test/unit/renderer/x.ts', message: /only through ConsoleApi/ },
  { fixture: 'renderer-imports-node-fs', breaks: 'src/renderer/lib/x.ts', allowed: 'src/main/cli/x.ts', message: /renderer has no Node/ },
  { fixture: 'preload-imports-main', breaks: 'src/preload/x.ts', allowed: 'src/main/electron/x.ts', message: /preload imports only src\/shared/ },
  { fixture: 'shared-imports-main', breaks: 'src/shared/x.ts', allowed: 'scripts/x.ts', message: /src\/shared is the contract/ },
];

// Loading the ESLint config (typescript-eslint) takes seconds on a busy machine.
describe('layer rules (no-restricted-imports zones)', { timeout: 60_000 }, () => {
  it.each(CASES)('$fixture fails as $breaks and passes as $allowed', async ({ fixture: name, breaks, allowed, message }) => {
    const errors = await restrictedImports(name, breaks);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(await restrictedImports(name, allowed)).toEqual([]);
  });

  it('lets the controller import the Transport interface', async () => {
    expect(await restrictedImports('controller-imports-transport', 'src/main/controller/x.ts')).toEqual([]);
  });

  it('refuses a bare 7xxx USP error code in src, but not in the table that names them', async () => {
    const lint = async (filePath: string) => {
      const [result] = await eslint.lintText(fixture('bare-error-code'), { filePath: join(root, filePath) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    };
    expect(await lint('src/main/sim/handlers/x.ts')).toEqual([expect.stringMatching(/named USP error code/)]);
    expect(await lint('src/shared/usp-error-codes.ts')).toEqual([]);
  });
});
