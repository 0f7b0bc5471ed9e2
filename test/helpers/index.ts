// Shared helpers for integration tests: ports, temp dirs, private brokers, event waits.
export { freePort } from './free-port';
export { tempDir, removeTempDir } from './temp-dir';
export { waitForPort, waitForPortClosed } from './wait-for-port';
export { startMosquitto, type MosquittoBroker, type MosquittoOptions } from './mosquitto';
export { startRabbitStomp, type RabbitStompBroker, type RabbitStompOptions } from './rabbitmq';
export { waitForEvent, collectEvents, waitUntil } from './events';
export { collectWarnings } from './warnings';
export { makeSelfSignedCert, type CertificateFiles } from './certificates';
export { startWsRelay, type WsRelay, type RelayFilter, type RelayDirection } from './ws-relay';
