// E2E session context throughput: a 1 MiB Msg segmented into 1 KiB Records, encoded, decoded and
// reassembled by the pure session layer (src/main/usp/session), in order and with every 50th
// Record lost and fetched again by retransmit_id. Target: well above the 1 MB/s a 1 KiB-segmented
// agent link needs, so the session layer is never what limits a transfer.
import { decodeRecord } from '../src/main/usp/codec';
import { DEFAULT_SESSION_LIMITS } from '../src/main/usp/session/session-context';
import { SessionEndpoint } from '../src/main/usp/session/session-endpoint';
import { readSessionRecord, segmentSize } from '../src/main/usp/session/session-record';

const MIB = 1024 * 1024;
const agentSide = { fromId: 'proto::gateway-1', toId: 'self::usp-console' };
const controllerSide = { fromId: 'self::usp-console', toId: 'proto::gateway-1' };

function endpoint(addressing: { fromId: string; toId: string }, segmentBytes: number): SessionEndpoint {
  let id = 1;
  return new SessionEndpoint({ addressing, limits: { ...DEFAULT_SESSION_LIMITS, segmentBytes }, clock: Date.now, newSessionId: () => (id += 1) });
}

/** One transfer; returns the Records the sender produced, the number retransmitted, and ms. */
function transfer(loseEvery: number): { records: number; retransmitted: number; ms: number } {
  const payload = new Uint8Array(MIB).map((_, i) => (i * 31) % 251);
  const started = performance.now();
  const agent = endpoint(agentSide, segmentSize(1024, agentSide));
  const controller = endpoint(controllerSide, 0);
  // The controller starts the context, as it does with a Get.
  const start = controller.send(new Uint8Array([1]));
  for (const bytes of start.records) agent.receive(readSessionRecord(decodeRecord(bytes).session_context!));
  const out = agent.send(payload);
  let received = 0;
  let retransmitted = 0;
  out.records.forEach((bytes, i) => {
    if (loseEvery > 0 && i % loseEvery === loseEvery - 1) return;
    const step = controller.receive(readSessionRecord(decodeRecord(bytes).session_context!));
    received += step.messages.reduce((n, m) => n + m.length, 0);
    for (const ask of step.records) {
      for (const again of agent.receive(readSessionRecord(decodeRecord(ask).session_context!)).records) {
        retransmitted += 1;
        const fixed = controller.receive(readSessionRecord(decodeRecord(again).session_context!));
        received += fixed.messages.reduce((n, m) => n + m.length, 0);
      }
    }
  });
  if (received !== MIB) throw new Error(`reassembled ${received} bytes, not ${MIB}`);
  return { records: out.records.length, retransmitted, ms: performance.now() - started };
}

for (const [name, loseEvery] of [['in order', 0], ['every 50th lost', 50]] as const) {
  transfer(loseEvery); // warm-up
  const runs = Array.from({ length: 5 }, () => transfer(loseEvery));
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  console.log(`1 MiB in ${best.records} Records of 1 KiB, ${name}: ${best.ms.toFixed(1)} ms (${(1000 / best.ms).toFixed(1)} MiB/s), ${best.retransmitted} retransmitted   target: > 10 MiB/s`);
}
