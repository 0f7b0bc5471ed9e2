/**
 * USP error codes 7000-7999 (TR-369 messages.md §10, Record errors e2e.md §6) with a name and a
 * plain-language explanation a support technician can act on. Shared by the main process and the
 * renderer, so this file must stay free of Node imports.
 */
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
  [7000, 'Message failed', 'The device could not process the request and gave no specific reason. Read the error message text for details.'],
  [7001, 'Message not supported', 'The device does not understand or implement this kind of request (or the message type did not match its contents).'],
  [7002, 'Request denied', 'The device refused to process the request without saying why. Another controller may have exclusive control, or the request is not allowed from a controller.'],
  [7003, 'Internal error', 'Something failed inside the device (hardware or software). Retrying later or rebooting the device may help.'],
  [7004, 'Invalid arguments', 'The request contained values the device could not accept, or it was badly formed. Check every path and value in the request.'],
  [7005, 'Resources exceeded', 'The device ran out of memory or processing capacity for this request. Ask for less at once (smaller subtree, fewer paths) or retry later.'],
  [7006, 'Permission denied', 'This controller is not allowed to do that. Check the controller\'s role and access rights on the device.'],
  [7007, 'Invalid configuration', 'The change would leave the device in a broken state, so it was refused.'],
  [7008, 'Invalid path syntax', 'A path in the request is not written correctly (spelling, dots, brackets or quotes). Fix the path text.'],
  [7009, 'Parameter action failed', 'Updating a parameter failed for a reason the device did not specify.'],
  [7010, 'Unsupported parameter', 'The parameter does not exist on this device. Check its name against the device\'s supported data model.'],
  [7011, 'Invalid type', 'The value is not of the parameter\'s type (for example text given for a number or boolean).'],
  [7012, 'Invalid value', 'The value has the right type but is not allowed: out of range, too long, or not one of the listed choices.'],
  [7013, 'Attempt to update non-writeable parameter', 'The parameter is read-only and cannot be changed.'],
  [7014, 'Value conflict', 'The value conflicts with other parameter values on the device. Change the related parameters together.'],
  [7015, 'Operation error', 'Creating, changing or deleting the object failed for a reason the device did not specify.'],
  [7016, 'Object does not exist', 'The path names an object instance that is not present on the device (it may have been deleted).'],
  [7017, 'Object could not be created', 'The device could not create the new object instance.'],
  [7018, 'Object is not a table', 'The path points to a single object, not a table, so instances cannot be listed or added there.'],
  [7019, 'Attempt to create non-creatable object', 'This table does not allow a controller to add instances.'],
  [7020, 'Object could not be updated', 'The device could not apply the changes to the object.'],
  [7021, 'Required parameter failed', 'A parameter marked as required could not be set, so the whole object was not changed. See the per-parameter errors.'],
  [7022, 'Command failure', 'The command ran but failed. Read the error message text for the reason.'],
  [7023, 'Command canceled', 'The running command was cancelled before it finished.'],
  [7024, 'Delete failure', 'The object instance could not be deleted.'],
  [7025, 'Object exists with duplicate key', 'Another instance already uses this unique key (for example the same Alias or ID). Choose a different value.'],
  [7026, 'Invalid path', 'The path is not part of the device\'s data model. Check the spelling, or whether this device supports that feature.'],
  [7027, 'Invalid command arguments', 'The command\'s input arguments are missing, unknown or have bad values.'],
  [7028, 'Register failure', 'A USP service could not register its data model paths.'],
  [7029, 'Already in use', 'The path is already registered by another USP service.'],
  [7030, 'Deregister failure', 'A USP service could not deregister its paths.'],
  [7031, 'Path already registered', 'The path belongs to another USP service and cannot be deregistered by this one.'],
];

const RECORD_CODES: Entry[] = [
  [7100, 'Record could not be parsed', 'The device could not decode the message envelope it received. This points to a corrupted or incompatible message.'],
  [7101, 'Secure session required', 'The device only accepts end-to-end secured sessions, which this connection did not use.'],
  [7102, 'Secure session not supported', 'The sender used end-to-end security that the receiver does not support.'],
  [7103, 'Segmentation and reassembly not supported', 'The message was split into segments, which the receiver does not support.'],
  [7104, 'Invalid Record value', 'A field of the message envelope was invalid (for example an unsupported security setting).'],
  [7105, 'Session Context terminated', 'The other side ended the end-to-end session; a new one is started on the next message.'],
  [7106, 'Session Context not allowed', 'The device does not use end-to-end session contexts; plain messages must be sent instead.'],
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
 * their range (messages.md §10.2): 7200-7299 data-model specific, 7800-7999 vendor specific.
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
