// The USP agent simulator: a real agent on the usp/ and mtp/ code (docs/architecture.md).
export { SimAgent, OBUSPA_PROTOCOL_VERSIONS, OBUSPA_RECORD_VERSION, type SimAgentOptions, type SimAgentEvents } from './sim-agent';
export { SimFleet, type SimFleetOptions } from './sim-fleet';
export type { SimMtp } from './provision';
export {
  mqttAgentLink,
  stompAgentLink,
  websocketAgentLink,
  instanceIdOf,
  type AgentLink,
  type MqttAgentSettings,
  type StompAgentSettings,
} from './sim-transports';
export { createHomeGatewayModel, builtinSchema, homeGatewayLayer, type BuiltinModelOptions } from './model/builtin-model';
export { createSnapshotModel, snapshotModelSource, type SnapshotModelSource } from './model/snapshot-model';
export { DataModel, type ModelChange } from './model/data-model';
export { SimFaults, FAULTS, parseFaults, type FaultName, type FaultRates } from './faults';
