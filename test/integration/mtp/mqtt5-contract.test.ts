import { describeTransportContract } from './transport-contract';
import { mqttPair } from './mqtt-pair';

describeTransportContract(mqttPair(5));
