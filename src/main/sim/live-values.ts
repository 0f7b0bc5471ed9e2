import type { DataModel } from './model/data-model';

/** Traffic counters that grow while the agent runs, per second of simulated time. */
const LIVE_COUNTERS: [objPath: string, name: string, perSecond: bigint][] = [
  ['Device.WiFi.SSID.1.Stats.', 'BytesSent', 41_000n],
  ['Device.WiFi.SSID.1.Stats.', 'BytesReceived', 6_000n],
  ['Device.WiFi.SSID.1.Stats.', 'PacketsSent', 43n],
  ['Device.WiFi.SSID.1.Stats.', 'PacketsReceived', 21n],
  ['Device.WiFi.SSID.2.Stats.', 'BytesSent', 290_000n],
  ['Device.WiFi.SSID.2.Stats.', 'BytesReceived', 37_000n],
  ['Device.WiFi.SSID.2.Stats.', 'PacketsSent', 231n],
  ['Device.WiFi.SSID.2.Stats.', 'PacketsReceived', 105n],
  ['Device.Ethernet.Interface.1.Stats.', 'BytesReceived', 330_000n],
  ['Device.Ethernet.Interface.1.Stats.', 'BytesSent', 44_000n],
];

export function advanceCounters(model: DataModel, seconds: number): void {
  const factor = BigInt(Math.max(1, Math.round(seconds)));
  for (const [obj, name, perSecond] of LIVE_COUNTERS) {
    const current = model.get(obj + name);
    if (current === undefined || !/^\d+$/.test(current)) continue;
    // StatsCounter64 wraps through 0.
    model.setValue(obj, name, ((BigInt(current) + perSecond * factor) % 2n ** 64n).toString());
  }
}

/** A 12-hex-digit serial number derived from the Endpoint ID, so each simulated agent has its own. */
export function serialOf(endpointId: string): string {
  let h = 0x811c9dc5;
  let g = 0x1000193;
  for (const c of endpointId) {
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    g = Math.imul(g ^ c.charCodeAt(0), 2246822519) >>> 0;
  }
  return (h.toString(16).padStart(8, '0') + g.toString(16).padStart(8, '0')).slice(0, 12).toUpperCase();
}
