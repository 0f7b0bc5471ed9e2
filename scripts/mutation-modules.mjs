// The modules mutation testing guards (issue 12): where a silent regression is a security or
// data-loss bug. Each lists the source it mutates and the only unit tests that cover it, so a
// run stays affordable on a 2-core machine.
export const MUTATION_MODULES = [
  {
    name: 'web-auth',
    mutate: ['src/main/api/hosts/web/web-auth.ts'],
    tests: ['test/unit/api/hosts/web/web-auth.test.ts'],
  },
  {
    name: 'static-files',
    mutate: ['src/main/api/hosts/web/static-files.ts'],
    tests: ['test/unit/api/hosts/web/static-files.test.ts'],
  },
  {
    name: 'ipc-trust',
    mutate: ['src/main/electron/app-origin.ts'],
    tests: ['test/unit/electron/ipc-trust.test.ts', 'test/unit/electron/app-origin.test.ts'],
  },
  {
    name: 'redaction',
    mutate: ['src/main/services/snapshots/redaction.ts'],
    tests: ['test/unit/services/redaction.test.ts'],
  },
  {
    name: 'notify-dedup',
    mutate: ['src/main/controller/notify-dedup.ts'],
    tests: ['test/unit/controller/notify-dedup.test.ts'],
  },
  {
    name: 'pending-requests',
    mutate: ['src/main/controller/pending-requests.ts'],
    tests: ['test/unit/controller/pending-requests.test.ts'],
  },
  {
    name: 'backoff',
    mutate: ['src/main/mtp/backoff.ts'],
    tests: ['test/unit/mtp/backoff.test.ts'],
  },
  {
    name: 'inbound',
    mutate: ['src/main/controller/inbound.ts'],
    tests: ['test/unit/controller/inbound.test.ts'],
  },
  {
    name: 'migrations',
    mutate: ['src/main/store/db.ts'],
    tests: ['test/unit/store/db.test.ts'],
  },
  {
    name: 'endpoint-id',
    mutate: ['src/shared/endpoint-id.ts', 'src/main/usp/certificate-identity.ts'],
    tests: ['test/unit/controller/endpoint-id.test.ts', 'test/unit/usp/certificate-identity.test.ts'],
  },
  {
    name: 'identity-binding',
    mutate: ['src/main/controller/connection-guard.ts', 'src/main/controller/connection-claims.ts'],
    tests: ['test/unit/controller/connection-guard.test.ts'],
  },
  {
    name: 'job-gates',
    mutate: ['src/main/services/jobs/job-gates.ts'],
    tests: ['test/unit/services/jobs/job-gates.test.ts'],
  },
  {
    // The step state machine: queued → running → succeeded / failed / waiting-offline / expired /
    // cancelled, and the check against the agent before a resumed step is sent again.
    name: 'job-steps',
    mutate: ['src/main/services/jobs/job-engine.ts', 'src/main/services/jobs/execute-step.ts'],
    tests: ['test/unit/services/jobs/job-engine.test.ts', 'test/unit/services/jobs/job-engine-transitions.test.ts', 'test/unit/services/jobs/jobs-service.test.ts', 'test/unit/services/jobs/operate-step.test.ts'],
  },
];

/** The module named by USP_MUTATION_MODULE (set by scripts/run-mutation.mjs for each Stryker run). */
export function selectedMutationModule() {
  const name = process.env.USP_MUTATION_MODULE;
  const found = MUTATION_MODULES.find((m) => m.name === name);
  if (!found) throw new Error(`USP_MUTATION_MODULE must name one of: ${MUTATION_MODULES.map((m) => m.name).join(', ')}`);
  return found;
}
