// `npm start`: runs the desktop app.
//
// better-sqlite3 is a native addon. node_modules holds the build for Node's ABI, which the
// tests and the CLI use. Electron embeds a different ABI, so this script keeps a second
// build for Electron in .cache/electron-abi/ (compiled once with node-gyp against
// Electron's headers) and tells the store where it is through USP_CONSOLE_SQLITE_BINDING.
// node_modules is never touched, so `npm test` keeps working after `npm start`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const fail = (message) => {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
};

function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, relative ?? 'electron');
  if (relative === null) return null;
  const full = join(pkgDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

function nodeGypScript() {
  // npm sets npm_config_node_gyp for scripts it runs; otherwise use the copy bundled with npm.
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

function electronAbiBinding(electronVersion) {
  const cacheDir = join(root, '.cache/electron-abi', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;

  const gyp = nodeGypScript();
  if (!gyp) fail('node-gyp was not found (it comes with npm); cannot build better-sqlite3 for Electron.');
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(cacheDir, 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  // Build in a copy: `node-gyp rebuild` in node_modules would replace the Node-ABI build.
  cpSync(source, work, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
  process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (once; cached in ${cacheDir})…\n`);
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
      `--devdir=${join(root, '.cache/electron-gyp')}`,
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    fail(
      'building better-sqlite3 against Electron\'s headers failed (node-gyp needs to download them from electronjs.org once).\n' +
        'Without network access, use the headless console instead: npx usp-console serve',
    );
  }
  cpSync(join(work, 'build/Release/better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}

const binary = electronBinary();
if (!binary) {
  fail(
    'the Electron binary is not installed (node_modules/electron has no dist/).\n' +
      'Install it with `npx install-electron`, or run the same console in your browser: npx usp-console serve',
  );
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const binding = electronAbiBinding(electronVersion);

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('electron-vite build failed.');

const run = spawnSync(binary, [root, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, USP_CONSOLE_SQLITE_BINDING: binding },
});
process.exit(run.status ?? 1);
