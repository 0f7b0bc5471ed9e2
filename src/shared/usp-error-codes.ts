/**
 * USP error codes 7000-7999 (TR-369: message errors 7000-7031, Record errors 7100-7106) with a
 * name and a plain-language explanation a support technician can act on. Shared by the main
 * process and the renderer, so this file must stay free of Node imports.
 */

/** The codes by name (the spec's names), so code never carries a bare 7xxx number. */
export const USP_ERR_MESSAGE_FAILED = 7000;
export const USP_ERR_MESSAGE_NOT_SUPPORTED = 7001;
export const USP_ERR_REQUEST_DENIED = 7002;
export const USP_ERR_INTERNAL_ERROR = 7003;
export const USP_ERR_INVALID_ARGUMENTS = 7004;
export const USP_ERR_RESOURCES_EXCEEDED = 7005;
export const USP_ERR_PERMISSION_DENIED = 7006;
export const USP_ERR_INVALID_CONFIGURATION = 7007;
export const USP_ERR_INVALID_PATH_SYNTAX = 7008;
export const USP_ERR_PARAM_ACTION_FAILED = 7009;
export const USP_ERR_UNSUPPORTED_PARAM = 7010;
export const USP_ERR_INVALID_TYPE = 7011;
export const USP_ERR_INVALID_VALUE = 7012;
export const USP_ERR_PARAM_NOT_WRITABLE = 7013;
export const USP_ERR_VALUE_CONFLICT = 7014;
export const USP_ERR_OPERATION_ERROR = 7015;
export const USP_ERR_OBJECT_DOES_NOT_EXIST = 7016;
export const USP_ERR_OBJECT_NOT_CREATED = 7017;
export const USP_ERR_NOT_A_TABLE = 7018;
export const USP_ERR_OBJECT_NOT_CREATABLE = 7019;
export const USP_ERR_OBJECT_NOT_UPDATED = 7020;
export const USP_ERR_REQUIRED_PARAM_FAILED = 7021;
export const USP_ERR_COMMAND_FAILURE = 7022;
export const USP_ERR_COMMAND_CANCELED = 7023;
export const USP_ERR_DELETE_FAILURE = 7024;
export const USP_ERR_DUPLICATE_UNIQUE_KEY = 7025;
export const USP_ERR_INVALID_PATH = 7026;
export const USP_ERR_INVALID_COMMAND_ARGS = 7027;
export const USP_ERR_REGISTER_FAILURE = 7028;
export const USP_ERR_ALREADY_IN_USE = 7029;
export const USP_ERR_DEREGISTER_FAILURE = 7030;
export const USP_ERR_PATH_ALREADY_REGISTERED = 7031;
export const USP_ERR_RECORD_NOT_PARSED = 7100;
export const USP_ERR_SECURE_SESSION_REQUIRED = 7101;
export const USP_ERR_SECURE_SESSION_NOT_SUPPORTED = 7102;
export const USP_ERR_SEGMENTATION_NOT_SUPPORTED = 7103;
export const USP_ERR_INVALID_RECORD_VALUE = 7104;
export const USP_ERR_SESSION_CONTEXT_TERMINATED = 7105;
export const USP_ERR_SESSION_CONTEXT_NOT_ALLOWED = 7106;

export interface UspErrorCodeInfo {
  code: number;
  /** The spec's name, e.g. "Invalid path". */
  name: string;
  /** What it means in practice and what to check. */
  explanation: string;
  /** Where the code comes from: a fixed spec code, a range, or unknown. */
  source: 'spec' | 'record' | 'data-model' | 'vendor' | 'unknown';
}

type Entry = [code: number, name: string, explanation: string];

const MESSAGE_CODES: Entry[] = [
  [USP_ERR_MESSAGE_FAILED, 'Message failed', 'The device could not process the request and gave no specific reason. Read the error message text for details.'],
  [USP_ERR_MESSAGE_NOT_SUPPORTED, 'Message not supported', 'The device does not understand or implement this kind of request (or the message type did not match its contents).'],
  [USP_ERR_REQUEST_DENIED, 'Request denied', 'The device refused to process the request without saying why. Another controller may have exclusive control, or the request is not allowed from a controller.'],
  [USP_ERR_INTERNAL_ERROR, 'Internal error', 'Something failed inside the device (hardware or software). Retrying later or rebooting the device may help.'],
  [USP_ERR_INVALID_ARGUMENTS, 'Invalid arguments', 'The request contained values the device could not accept, or it was badly formed. Check every path and value in the request.'],
  [USP_ERR_RESOURCES_EXCEEDED, 'Resources exceeded', 'The device ran out of memory or processing capacity for this request. Ask for less at once (smaller subtree, fewer paths) or retry later.'],
  [USP_ERR_PERMISSION_DENIED, 'Permission denied', 'This controller is not allowed to do that. Check the controller\'s role and access rights on the device.'],
  [USP_ERR_INVALID_CONFIGURATION, 'Invalid configuration', 'The change would leave the device in a broken state, so it was refused.'],
  [USP_ERR_INVALID_PATH_SYNTAX, 'Invalid path syntax', 'A path in the request is not written correctly (spelling, dots, brackets or quotes). Fix the path text.'],
  [USP_ERR_PARAM_ACTION_FAILED, 'Parameter action failed', 'Updating a parameter failed for a reason the device did not specify.'],
  [USP_ERR_UNSUPPORTED_PARAM, 'Unsupported parameter', 'The parameter does not exist on this device. Check its name against the device\'s supported data model.'],
  [USP_ERR_INVALID_TYPE, 'Invalid type', 'The value is not of the parameter\'s type (for example text given for a number or boolean).'],
  [USP_ERR_INVALID_VALUE, 'Invalid value', 'The value has the right type but is not allowed: out of range, too long, or not one of the listed choices.'],
  [USP_ERR_PARAM_NOT_WRITABLE, 'Attempt to update non-writeable parameter', 'The parameter is read-only and cannot be changed.'],
  [USP_ERR_VALUE_CONFLICT, 'Value conflict', 'The value conflicts with other parameter values on the device. Change the related parameters together.'],
  [USP_ERR_OPERATION_ERROR, 'Operation error', 'Creating, changing or deleting the object failed for a reason the device did not specify.'],
  [USP_ERR_OBJECT_DOES_NOT_EXIST, 'Object does not exist', 'The path names an object instance that is not present on the device (it may have been deleted).'],
  [USP_ERR_OBJECT_NOT_CREATED, 'Object could not be created', 'The device could not create the new object instance.'],
  [USP_ERR_NOT_A_TABLE, 'Object is not a table', 'The path points to a single object, not a table, so instances cannot be listed or added there.'],
  [USP_ERR_OBJECT_NOT_CREATABLE, 'Attempt to create non-creatable object', 'This table does not allow a controller to add instances.'],
  [USP_ERR_OBJECT_NOT_UPDATED, 'Object could not be updated', 'The device could not apply the changes to the object.'],
  [USP_ERR_REQUIRED_PARAM_FAILED, 'Required parameter failed', 'A parameter marked as required could not be set, so the whole object was not changed. See the per-parameter errors.'],
  [USP_ERR_COMMAND_FAILURE, 'Command failure', 'The command ran but failed. Read the error message text for the reason.'],
  [USP_ERR_COMMAND_CANCELED, 'Command canceled', 'The running command was cancelled before it finished.'],
  [USP_ERR_DELETE_FAILURE, 'Delete failure', 'The object instance could not be deleted.'],
  [USP_ERR_DUPLICATE_UNIQUE_KEY, 'Object exists with duplicate key', 'Another instance already uses this unique key (for example the same Alias or ID). Choose a different value.'],
  [USP_ERR_INVALID_PATH, 'Invalid path', 'The path is not part of the device\'s data model. Check the spelling, or whether this device supports that feature.'],
  [USP_ERR_INVALID_COMMAND_ARGS, 'Invalid command arguments', 'The command\'s input arguments are missing, unknown or have bad values.'],
  [USP_ERR_REGISTER_FAILURE, 'Register failure', 'A USP service could not register its data model paths.'],
  [USP_ERR_ALREADY_IN_USE, 'Already in use', 'The path is already registered by another USP service.'],
  [USP_ERR_DEREGISTER_FAILURE, 'Deregister failure', 'A USP service could not deregister its paths.'],
  [USP_ERR_PATH_ALREADY_REGISTERED, 'Path already registered', 'The path belongs to another USP service and cannot be deregistered by this one.'],
];

const RECORD_CODES: Entry[] = [
  [USP_ERR_RECORD_NOT_PARSED, 'Record could not be parsed', 'The device could not decode the message envelope it received. This points to a corrupted or incompatible message.'],
  [USP_ERR_SECURE_SESSION_REQUIRED, 'Secure session required', 'The device only accepts end-to-end secured sessions, which this connection did not use.'],
  [USP_ERR_SECURE_SESSION_NOT_SUPPORTED, 'Secure session not supported', 'The sender used end-to-end security that the receiver does not support.'],
  [USP_ERR_SEGMENTATION_NOT_SUPPORTED, 'Segmentation and reassembly not supported', 'The message was split into segments, which the receiver does not support.'],
  [USP_ERR_INVALID_RECORD_VALUE, 'Invalid Record value', 'A field of the message envelope was invalid (for example an unsupported security setting).'],
  [USP_ERR_SESSION_CONTEXT_TERMINATED, 'Session Context terminated', 'The other side ended the end-to-end session; a new one is started on the next message.'],
  [USP_ERR_SESSION_CONTEXT_NOT_ALLOWED, 'Session Context not allowed', 'The device does not use end-to-end session contexts; plain messages must be sent instead.'],
];

const TABLE: ReadonlyMap<number, UspErrorCodeInfo> = new Map(
  [
    ...MESSAGE_CODES.map(([code, name, explanation]) => ({ code, name, explanation, source: 'spec' as const })),
    ...RECORD_CODES.map(([code, name, explanation]) => ({ code, name, explanation, source: 'record' as const })),
  ].map((info) => [info.code, info]),
);

/** Every code with a fixed meaning in the spec (7000-7031, 7100-7106), in numeric order. */
export const USP_ERROR_CODES: readonly UspErrorCodeInfo[] = [...TABLE.values()];

/**
 * Name and explanation for any error code. Codes without a fixed entry fall back to the meaning of
 * their range (TR-369 reserves 7200-7299 for data models and 7800-7999 for vendors): 7200-7299 data-model specific, 7800-7999 vendor specific.
 */
export function describeUspError(code: number): UspErrorCodeInfo {
  const known = TABLE.get(code);
  if (known) return known;
  if (code >= 7100 && code <= 7199) {
    return { code, name: 'Record error', explanation: 'An error with the message envelope (USP Record) that this version does not name.', source: 'record' };
  }
  if (code >= 7200 && code <= 7299) {
    return {
      code,
      name: 'Data model error',
      explanation: 'An error defined by the data model for this parameter or command. Read the error message text and the parameter\'s description.',
      source: 'data-model',
    };
  }
  if (code >= 7800 && code <= 7999) {
    return {
      code,
      name: 'Vendor-specific error',
      explanation: 'An error defined by the device maker. Read the error message text or the vendor\'s documentation.',
      source: 'vendor',
    };
  }
  if (code >= 7000 && code <= 7999) {
    return { code, name: 'Reserved error code', explanation: 'A code the USP specification reserves but does not define. Read the error message text.', source: 'unknown' };
  }
  return { code, name: 'Unknown error code', explanation: 'This is not a USP error code (USP uses 7000-7999). Read the error message text.', source: 'unknown' };
}
