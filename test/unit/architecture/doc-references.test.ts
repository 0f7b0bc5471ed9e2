import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Comments and strings cite requirement IDs (R-…) or state the rule; a markdown document they
// name must be in the repository. The rule, checked on every text file under SCANNED_DIRS and on
// the files at the root:
// - a name with a slash (`docs/jobs.md`, `test/helpers/README.md`) is a path from the repository
//   root and must exist there;
// - a bare name (`README.md`) must exist at the root or under docs/;
// - a name inside a URL (a word with `://`) is not checked.
const root = join(import.meta.dirname, '../../..');
const SCANNED_DIRS = ['src', 'test', 'bench', 'scripts', 'docs', 'resources', 'bin', 'proto'];
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', 'coverage', '.stryker-tmp']);
const TEXT_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.css', '.html', '.md', '.txt', '.proto']);
const ROOT_SKIPPED = new Set(['package-lock.json']);
const REFERENCE = /[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b/g;

/** Whether a referenced document is in the repository, by the rule above. */
function resolves(reference: string): boolean {
  const path = reference.replace(/^\.\//, '');
  if (path.includes('/')) return existsSync(join(root, path));
  return existsSync(join(root, path)) || existsSync(join(root, 'docs', path));
}

/** `line: reference` for every reference in `text` that does not resolve. */
function unresolvedReferences(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { 0: reference, index } of line.matchAll(REFERENCE)) {
      const word = line.slice(0, index + reference.length).split(/\s/).pop() ?? '';
      if (!word.includes('://') && !resolves(reference)) found.push(`${i + 1}: ${reference}`);
    }
  });
  return found;
}

function textFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : textFiles(path);
    return entry.isFile() && TEXT_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

function scannedFiles(): string[] {
  const rootFiles = readdirSync(root).filter(
    (name) => !ROOT_SKIPPED.has(name) && TEXT_EXTENSIONS.has(extname(name)) && statSync(join(root, name)).isFile(),
  );
  return [...rootFiles, ...SCANNED_DIRS.flatMap(textFiles)];
}

describe('references to markdown documents', () => {
  it('name only documents that are in the repository', () => {
    const files = scannedFiles();
    expect(files.length).toBeGreaterThan(100);
    const unresolved = files.flatMap((file) => unresolvedReferences(readFileSync(join(root, file), 'utf8')).map((r) => `${file}:${r}`));
    expect(unresolved, 'cite the requirement ID (R-…) or state the rule instead').toEqual([]);
  });

  it('resolve paths from the root, bare names at the root or under docs/, and skip URLs', () => {
    const md = (name: string): string => `${name}.md`;
    const text = [
      `see ${md('docs/jobs')}, ${md('./docs/architecture')}, ${md('test/helpers/README')} and ${md('README')}`,
      `the rooms are in ${md('architecture')}; upstream: https://example.org/${md('notes')}`,
      `the rule is in ${md('nowhere')} §2, or ${md('docs/nowhere')}, or ${md('src/jobs')}`,
    ].join('\n');
    expect(unresolvedReferences(text)).toEqual([`3: ${md('nowhere')}`, `3: ${md('docs/nowhere')}`, `3: ${md('src/jobs')}`]);
  });
});
