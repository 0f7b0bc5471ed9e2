// Which values an export withholds. TR-181 marks credentials `secured` (TR-181:
// KeyPassphrase, SAEPassphrase, PreSharedKey, WEPKey, RadiusSecret, WPS.PIN, User.Password);
// GetSupportedDM does not carry that flag, so names are matched too, which also covers
// credentials the model does not flag (FirmwareImage Download() Password, MQTT/STOMP Password).
import type { SupportedObject } from '../../../shared/model/schema';
import { schemaPathMapper } from '../../store/path-utils';

const SECRET_NAME = /(Password|Passphrase|PreSharedKey|WEPKey|Secret|PrivateKey|Token$|PSK$|^PIN$)/i;

/** True when a parameter's own name says it holds a credential. */
export function isSecretName(paramPath: string): boolean {
  return SECRET_NAME.test(paramPath.slice(paramPath.lastIndexOf('.') + 1));
}

/** Decides per parameter path whether an export must withhold its value. */
export class Redactor {
  private readonly secured = new Set<string>();
  private readonly toSchemaPath = schemaPathMapper();

  constructor(schema: readonly SupportedObject[]) {
    for (const o of schema) for (const p of o.params) if (p.secured) this.secured.add(o.path + p.name);
  }

  isSecret(paramPath: string): boolean {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, an empty set has nothing; the size check only skips mapping the path for schemas without flags (GetSupportedDM)
    return isSecretName(paramPath) || (this.secured.size > 0 && this.secured.has(this.toSchemaPath(paramPath)));
  }
}
