// Which of a job's parameter values are secrets: the rule snapshot exports use (redactorFor:
// the agent's schema flags the parameter secured, its name says it is a credential, or the
// built-in TR-181 reference flags it). A step's values are judged with its agent's cached
// schema, looked up object by object; the job file's templates with the schemas of the job's
// agents (any one flagging it is enough), or by name and reference alone. The shared job-secrets.ts redacts with what this decides.

import type { IsSecretPath } from '../../../shared/jobs/job-secrets';
import type { Store } from '../../store/store';
import { redactorFor } from '../snapshots/export-snapshot';
import type { SecuredByReference } from '../snapshots/redaction';

/** One pass over a job's output (a request, a flush): schemas are read once per agent and object. */
export class JobSecretPaths {
  /** The job file (templates, search paths): the name rule and the reference. */
  readonly file: IsSecretPath;
  private readonly agents = new Map<string, IsSecretPath>();
  private readonly securedNames = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly store: Store,
    private readonly securedByReference?: SecuredByReference,
  ) {
    const redactor = redactorFor([], this.options());
    this.file = (path) => redactor.isSecret(path);
  }

  /** One agent's values: its cached schema's `secured` flags count as well. */
  forAgent(endpointId: string): IsSecretPath {
    let isSecret = this.agents.get(endpointId);
    if (!isSecret) {
      const redactor = redactorFor((schemaPath) => this.securedInSchema(endpointId, schemaPath), this.options());
      isSecret = (path) => redactor.isSecret(path);
      this.agents.set(endpointId, isSecret);
    }
    return isSecret;
  }

  /**
   * A job file whose targets are these agents: secret by name or reference, or flagged secured
   * by any of their cached schemas (each template is judged once).
   */
  forFile(endpointIds: readonly string[]): IsSecretPath {
    const decided = new Map<string, boolean>();
    return (path) => {
      let secret = decided.get(path);
      if (secret === undefined) {
        secret = this.file(path) || endpointIds.some((id) => this.forAgent(id)(path));
        decided.set(path, secret);
      }
      return secret;
    };
  }

  private options(): { securedByReference?: SecuredByReference } {
    return this.securedByReference ? { securedByReference: this.securedByReference } : {};
  }

  private securedInSchema(endpointId: string, schemaPath: string): boolean {
    const at = schemaPath.lastIndexOf('.') + 1;
    const objectPath = schemaPath.slice(0, at);
    const key = `${endpointId}\n${objectPath}`;
    let names = this.securedNames.get(key);
    if (!names) {
      const object = objectPath === '' ? undefined : this.store.getSupportedDM(endpointId, objectPath).find((o) => o.path === objectPath);
      names = new Set(object?.params.filter((p) => p.secured).map((p) => p.name) ?? []);
      this.securedNames.set(key, names);
    }
    return names.has(schemaPath.slice(at));
  }
}
