import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The two TypeScript projects are split like electron-vite's: the renderer (tsconfig.web.json)
// is checked without Node types, main (tsconfig.node.json) without DOM types. Each fixture is
// typechecked as a file of one side, where it must fail, and of the other, where it is fine.
const root = join(import.meta.dirname, '../../..');

function typeErrors(config: 'tsconfig.web.json' | 'tsconfig.node.json', fixture: string, fileName: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`cannot read ${config}`);
  const file = join(root, fileName);
  const text = readFileSync(join(root, 'test/fixtures/layering', `${fixture}.ts.txt`), 'utf8');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? text : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram({ rootNames: [file], options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('typecheck sides (web without Node, node without DOM)', { timeout: 60_000 }, () => {
  it('node:fs in the renderer fails the web typecheck and is fine in main', () => {
    expect(typeErrors('tsconfig.web.json', 'renderer-imports-node-fs', 'src/renderer/lib/x.ts')).toEqual([expect.stringMatching(/Cannot find (module|name) 'node:fs'/)]);
    expect(typeErrors('tsconfig.node.json', 'renderer-imports-node-fs', 'src/main/cli/x.ts')).toEqual([]);
  });

  it('document in main fails the node typecheck and is fine in the renderer', () => {
    expect(typeErrors('tsconfig.node.json', 'main-uses-dom', 'src/main/services/x.ts')).toEqual([expect.stringMatching(/Cannot find name 'document'/)]);
    expect(typeErrors('tsconfig.web.json', 'main-uses-dom', 'src/renderer/lib/x.ts')).toEqual([]);
  });
});
