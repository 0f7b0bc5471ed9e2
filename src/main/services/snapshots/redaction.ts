// Which values an export withholds. TR-181 marks credentials `secured` (TR-181:
// KeyPassphrase, SAEPassphrase, PreSharedKey, WEPKey, RadiusSecret, WPS.PIN, User.Password);
// GetSupportedDM does not carry that flag, so names are matched too, which also covers
// credentials the model does not flag (FirmwareImage Download() Password, MQTT/STOMP Password).
// What the built-in TR-181 reference flags counts as well (UPA EncryptionKey, Babel MACKey
// KeyValue, ControllerTrust Challenge Value, IPLayerCapacity AuthenticationKey: secured, yet
// named like nothing secret); the caller hands that in, so this module reads no files.
// Bulk jobs (services/jobs/job-secret-paths.ts) decide by the same rule, with the agent's
// cached schema looked up as needed instead of a whole schema in hand.
import type { SupportedObject } from '../../../shared/model/schema';
import { schemaPathMapper } from '../../store/path-utils';

const SECRET_NAME = /(Password|Passphrase|PreSharedKey|WEPKey|Secret|PrivateKey|Token$|PSK$|^PIN$)/i;

/** True when a parameter's own name says it holds a credential. */
export function isSecretName(paramPath: string): boolean {
  return SECRET_NAME.test(paramPath.slice(paramPath.lastIndexOf('.') + 1));
}

/** Whether a reference data model flags a parameter (schema path, `{i}` notation) secured. */
export type SecuredByReference = (schemaPath: string) => boolean;

/** Whether the agent's own schema flags a parameter (schema path, `{i}` notation) secured. */
export type SecuredBySchema = (schemaPath: string) => boolean;

/**
 * Decides per parameter path whether an export must withhold its value: the agent's schema
 * flags it secured, its name says it is a credential, or the reference flags its schema path.
 * The schema is given whole (an export's) or as a lookup (a job's agent, read as needed).
 */
export class Redactor {
  private readonly securedBySchema: SecuredBySchema;
  private readonly toSchemaPath = schemaPathMapper();

  constructor(
    schema: readonly SupportedObject[] | SecuredBySchema,
    private readonly securedByReference: SecuredByReference,
  ) {
    if (typeof schema === 'function') {
      this.securedBySchema = schema;
    } else {
      const secured = new Set<string>();
      for (const o of schema) for (const p of o.params) if (p.secured) secured.add(o.path + p.name);
      this.securedBySchema = (schemaPath) => secured.has(schemaPath);
    }
  }

  isSecret(paramPath: string): boolean {
    if (isSecretName(paramPath)) return true;
    const schemaPath = this.toSchemaPath(paramPath);
    return this.securedBySchema(schemaPath) || this.securedByReference(schemaPath);
  }
}
