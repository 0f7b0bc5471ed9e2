import type { TypeLookup } from './value-types';

/** Current values by full parameter path (`Device.WiFi.SSID.1.SSID`); undefined = unknown/absent. */
export type ValueLookup = (paramPath: string) => string | undefined;

/** What path expansion needs to know about the instantiated data model right now. */
export interface InstanceView {
  /** Instance numbers of a table, e.g. `'Device.WiFi.SSID.'` → `[1, 2]`; `[]` for unknown tables. */
  instances(tablePath: string): readonly number[];
  value: ValueLookup;
  /** Parameter types from the supported model; without it types are inferred from the values. */
  typeOf?: TypeLookup;
}
