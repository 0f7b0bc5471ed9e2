import { usp_record } from './generated/usp-proto.js';
import { UspDecodeError } from './decode-error';

/**
 * Throws 'unknown-enum' when a decoded enum number is outside 0..max. Every enum in the USP
 * schemas is contiguous from 0, and R-ENC.2 makes an unknown value a Record error.
 */
export function checkEnum(value: number | null | undefined, max: number, field: string, names: Record<number, string>): void {
  if (value == null || (value >= 0 && value <= max)) return;
  const known = Array.from({ length: max + 1 }, (_, i) => `${names[i]}=${i}`).join(', ');
  throw new UspDecodeError('unknown-enum', `${field} has unknown enum value ${value} (known: ${known})`);
}

/** Structural checks protobufjs does not make: the record_type oneof (R-ENC.4) and enum values. */
export function validateRecord(record: usp_record.Record): void {
  if (!record.record_type) {
    throw new UspDecodeError(
      'no-record-type',
      'Record has no record_type: none of no_session_context, session_context, websocket_connect, mqtt_connect, stomp_connect, disconnect, uds_connect is set',
    );
  }
  checkEnum(record.payload_security, 1, 'Record.payload_security', usp_record.Record.PayloadSecurity);
  switch (record.record_type) {
    case 'session_context': {
      const sc = record.session_context;
      const states = usp_record.SessionContextRecord.PayloadSARState;
      checkEnum(sc?.payload_sar_state, 3, 'SessionContextRecord.payload_sar_state', states);
      checkEnum(sc?.payloadrec_sar_state, 3, 'SessionContextRecord.payloadrec_sar_state', states);
      return;
    }
    case 'mqtt_connect':
      checkEnum(record.mqtt_connect?.version, 1, 'MQTTConnectRecord.version', usp_record.MQTTConnectRecord.MQTTVersion);
      return;
    case 'stomp_connect':
      checkEnum(record.stomp_connect?.version, 0, 'STOMPConnectRecord.version', usp_record.STOMPConnectRecord.STOMPVersion);
      return;
    default:
      return;
  }
}
