/** The schemes MQTT.js opens: plain and TLS MQTT, MQTT over WebSocket. */
const BROKER_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

/**
 * Why a broker URL cannot be used, or null when the MQTT transport can open it. The whole URL is
 * parsed (not only its scheme), so a port outside 1–65535 or a missing host is refused here
 * instead of failing later in the transport.
 */
export function brokerUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a valid URL with a host and a port of 1–65535';
  }
  if (!BROKER_SCHEMES.includes(parsed.protocol)) return 'must be an mqtt://, mqtts://, ws:// or wss:// URL';
  if (parsed.hostname === '') return 'must name a host';
  if (parsed.port === '0') return 'must have a port of 1–65535';
  return null;
}
