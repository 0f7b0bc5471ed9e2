// The far side of the raw MQTT.js ceiling in bench/controller.bench.ts, in its own process as the
// simulated agent is: answers every message on `bench/echo` with RESPONSE_BYTES bytes on its
// Response Topic (with the same Correlation Data). Prints "ready" once subscribed.
import { connect } from 'mqtt';

const [url = '', responseBytes = '100'] = process.argv.slice(2);
const response = Buffer.alloc(Number(responseBytes), 1);
const client = connect(url, { protocolVersion: 5, clientId: `bench-echo-${process.pid}`, reconnectPeriod: 0 });
client.on('message', (_topic, _message, packet) => {
  const replyTo = packet.properties?.responseTopic;
  if (replyTo) client.publish(replyTo, response, { qos: 0, properties: { correlationData: packet.properties?.correlationData } });
});
client.on('connect', () => {
  void client.subscribeAsync('bench/echo', { qos: 0 }).then(() => process.stdout.write('ready\n'));
});
process.on('SIGTERM', () => void client.endAsync().then(() => process.exit(0)));
