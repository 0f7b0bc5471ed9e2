/** TR-106 base types, as a supported data model describes parameters. */
export type BaseType =
  | 'string'
  | 'boolean'
  | 'int'
  | 'unsignedInt'
  | 'long'
  | 'unsignedLong'
  | 'decimal'
  | 'dateTime'
  | 'base64'
  | 'hexBinary';

/** A parameter's type: `list` = comma-separated list of `base` items. */
export interface ParamValueType {
  readonly base: BaseType;
  readonly list?: boolean;
}

/** Type of a parameter by supported-model path (`Device.IP.Interface.{i}.Stats.ErrorsSent`); undefined = unknown. */
export type TypeLookup = (supportedParamPath: string) => ParamValueType | undefined;

export const NUMERIC_TYPES: ReadonlySet<BaseType> = new Set(['int', 'unsignedInt', 'long', 'unsignedLong', 'decimal']);
