/**
 * MQTT 3.1.1 has no Response Topic property, so USP carries the sender's reply topic in
 * the topic name itself (R-MQTT.24/25):
 * `<destination>/reply-to=<reply topic with every "/" as "%2F">`.
 */
const MARKER = '/reply-to=';

/**
 * The topic filters that receive every Record sent to `topic`. Under MQTT 3.1.1 senders append
 * `/reply-to=…` to it (R-MQTT.24), so `<topic>/#` is needed, and it matches `topic` itself too;
 * MQTT 5 carries the reply topic as a property, so the topic alone is enough.
 */
export function receiveFilters(topic: string, protocolVersion: 4 | 5): string[] {
  return protocolVersion === 5 ? [topic] : [`${topic}/#`];
}

/** The topic to publish to for `destination`, announcing `replyTopic`. */
export function withReplyTo(destination: string, replyTopic: string): string {
  return `${destination}${MARKER}${replyTopic.replaceAll('/', '%2F')}`;
}

/**
 * Splits a received topic into the real topic and the reply topic. The spec takes the
 * text after the LAST marker (R-MQTT.25); obuspa decodes every %xx there, so we do too
 * (falling back to only %2F when the text is not valid percent-encoding).
 */
export function splitReplyTo(topic: string): { topic: string; replyTo: string | undefined } {
  const at = topic.lastIndexOf(MARKER);
  if (at < 0) return { topic, replyTo: undefined };
  const encoded = topic.slice(at + MARKER.length);
  let replyTo: string;
  try {
    replyTo = decodeURIComponent(encoded);
  } catch {
    replyTo = encoded.replace(/%2F/gi, '/');
  }
  return { topic: topic.slice(0, at), replyTo: replyTo === '' ? undefined : replyTo };
}
