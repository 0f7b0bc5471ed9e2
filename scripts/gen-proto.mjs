// Generates the static protobuf codec (JavaScript + TypeScript declarations) from proto/.
// Run with `npm run gen:proto` after editing a .proto file; the output is committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'src/main/usp/generated');
const bin = (name) => join(root, 'node_modules/.bin', name);
const protos = ['proto/usp-record-1-4.proto', 'proto/usp-msg-1-4.proto'];
mkdirSync(outDir, { recursive: true });

const js = join(outDir, 'usp-proto.js');
execFileSync(
  bin('pbjs'),
  ['-t', 'static-module', '-w', 'es6', '--keep-case', '--force-number', '--no-verify', '--no-delimited', '-o', js, ...protos],
  { cwd: root, stdio: 'inherit' },
);
// Node's ESM resolver needs the file extension on the protobufjs subpath import.
writeFileSync(js, readFileSync(js, 'utf8').replace('"protobufjs/minimal"', '"protobufjs/minimal.js"'));
execFileSync(bin('pbts'), ['-o', join(outDir, 'usp-proto.d.ts'), js], { cwd: root, stdio: 'inherit' });
