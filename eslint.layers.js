// The dependency rules of docs/architecture.md as `no-restricted-imports` zones. ESLint does not
// merge the options of one rule across config objects, so every zone lists the rules that hold
// everywhere (electron, better-sqlite3) plus its own. A zone names the folders it must not reach;
// folder names under src/main are unique, so a relative import is matched by the folder it names.

/** A relative import that reaches one of `folders` (e.g. '../../api/console-api'). */
const reaches = (folders, message) => ({ regex: `^(\\.{1,2}/)+(${folders.join('|')})(/|$)`, message });
/** Any Node built-in: the protocol core and the contract do no I/O, the renderer has no Node. */
const nodeBuiltins = (message) => ({ regex: '^node:', message });

const ELECTRON = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' };
const SQLITE = { name: 'better-sqlite3', message: 'Only src/main/store may import better-sqlite3.' };
const MAIN_FOLDERS = ['usp', 'mtp', 'controller', 'store', 'services', 'api', 'app', 'electron', 'cli', 'sim'];
const except = (...allowed) => MAIN_FOLDERS.filter((f) => !allowed.includes(f));

/** One zone: the files, the packages they must not import, and the import patterns they must not use. */
function zone(files, { paths = [ELECTRON, SQLITE], patterns = [] } = {}) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export const layerRules = [
  // Everywhere: electron only in the Electron shell and the preload; better-sqlite3 only in the store.
  zone(['**/*.{ts,tsx,js,mjs}']),
  zone(['src/main/electron/**'], { paths: [SQLITE] }),
  // The store's own tests open databases directly (migrations, pragmas).
  zone(['test/unit/store/**', 'test/integration/store/**'], { paths: [ELECTRON] }),
  zone(['src/main/store/**'], {
    paths: [ELECTRON],
    patterns: [reaches(except('store', 'usp'), 'The store imports only usp/ (paths) and src/shared.')],
  }),
  zone(['src/main/usp/**'], {
    patterns: [
      reaches(except('usp'), 'The USP core (src/main/usp) imports only src/shared and itself.'),
      nodeBuiltins('The USP core does no I/O: time and bytes come in from its callers.'),
    ],
  }),
  zone(['src/main/mtp/**'], {
    patterns: [reaches(except('mtp', 'usp'), 'Transports (src/main/mtp) import only usp/, src/shared and themselves.')],
  }),
  zone(['src/main/controller/**'], {
    patterns: [
      reaches(except('controller', 'usp', 'mtp'), 'The controller depends on usp/ and the Transport interface only.'),
      { regex: '^(\\.{1,2}/)+mtp/(?!transport$)', message: 'The controller sees transports only through the Transport interface (mtp/transport).' },
    ],
  }),
  zone(['src/main/services/**'], {
    patterns: [reaches(['api', 'app', 'electron', 'cli'], 'Services never import api/, app/, the Electron shell or the CLI.')],
  }),
  zone(['src/main/api/**'], {
    patterns: [reaches(['app', 'electron', 'cli'], 'api/ never imports app/ (the composition root), the Electron shell or the CLI.')],
  }),
  zone(['src/shared/**'], {
    patterns: [
      reaches(['main', 'renderer', 'preload'], 'src/shared is the contract: it imports only itself.'),
      nodeBuiltins('src/shared runs in the renderer too: no Node built-ins.'),
    ],
  }),
  zone(['src/preload/**'], {
    paths: [SQLITE],
    patterns: [reaches(['main', 'renderer'], 'The preload imports only src/shared (and electron).')],
  }),
  zone(['src/renderer/**'], {
    patterns: [
      reaches(['main', 'preload'], 'The renderer imports src/shared and itself; it reaches the backend only through ConsoleApi.'),
      nodeBuiltins('The renderer has no Node: no Node built-ins.'),
    ],
  }),
];
