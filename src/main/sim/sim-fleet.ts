import type { SimFaults } from './faults';
import type { DataModel } from './model/data-model';
import { SimAgent, type SimAgentOptions } from './sim-agent';
import type { AgentLink } from './sim-transports';

export interface SimFleetOptions {
  count: number;
  /** Endpoint IDs are this prefix + 1..count (`proto::sim-` → `proto::sim-1`). */
  idPrefix: string;
  controllerId: string;
  /** Builds each agent's transport (one connection per agent) and MTP description. */
  link(endpointId: string, index: number): AgentLink;
  /** A fresh model per agent; default createHomeGatewayModel() (shared schema, copy-on-write values). */
  model?: () => DataModel;
  /** Options every agent gets (asyncCommandMs, tickMs, notifRetryMinWaitMs…). */
  agent?: Omit<SimAgentOptions, 'endpointId' | 'controllerId' | 'transport' | 'mtp' | 'model' | 'faults'>;
  /** Each agent's injected faults (its own random sequence, so a seed replays per agent); none by default. */
  faults?: (endpointId: string, index: number) => SimFaults;
  /** How many agents connect at once while starting; default 50. */
  startConcurrency?: number;
}

/** N simulated agents in one process; the schema and the seed values are shared, each agent keeps only its own changes. */
export class SimFleet {
  readonly agents: SimAgent[] = [];

  constructor(private readonly options: SimFleetOptions) {
    for (let i = 1; i <= options.count; i++) {
      const endpointId = `${options.idPrefix}${i}`;
      const { transport, mtp } = options.link(endpointId, i);
      this.agents.push(
        new SimAgent({
          ...options.agent,
          endpointId,
          controllerId: options.controllerId,
          transport,
          mtp,
          ...(options.model ? { model: options.model() } : {}),
          ...(options.faults ? { faults: options.faults(endpointId, i) } : {}),
        }),
      );
    }
  }

  /** Starts every agent, a batch at a time; calls onReady as each one is up. Rejects with the first failure after stopping the others. */
  async start(onReady: (agent: SimAgent) => void = () => undefined): Promise<void> {
    const batch = this.options.startConcurrency ?? 50;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < this.agents.length) {
        const agent = this.agents[next++];
        if (!agent) return;
        await agent.start();
        onReady(agent);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(batch, this.agents.length) }, worker));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.stop().catch(() => undefined)));
  }
}
