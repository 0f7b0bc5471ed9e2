import type { Db } from '../db';
import { parseJson } from './json';

export interface KeptSubscription {
  endpointId: string;
  subscriptionId: string;
  /** What the console asked the agent for, as its owner wrote it. */
  spec: unknown;
}

/** The subscriptions this console made per agent (services/subscription-keeper.ts keeps them). */
export class KeptSubscriptionsRepo {
  private readonly upsert;
  private readonly remove;
  private readonly all;

  constructor(db: Db, private readonly ensureAgent: (endpointId: string) => number) {
    this.upsert = db.prepare<[number, string, string]>(
      `INSERT INTO kept_subscription(agent_id, subscription_id, spec) VALUES (?, ?, ?)
       ON CONFLICT(agent_id, subscription_id) DO UPDATE SET spec = excluded.spec`,
    );
    this.remove = db.prepare<[string, string]>('DELETE FROM kept_subscription WHERE agent_id = (SELECT id FROM agent WHERE endpoint_id = ?) AND subscription_id = ?');
    this.all = db.prepare<[], { endpoint_id: string; subscription_id: string; spec: string }>(
      'SELECT a.endpoint_id, k.subscription_id, k.spec FROM kept_subscription k JOIN agent a ON a.id = k.agent_id ORDER BY a.endpoint_id, k.subscription_id',
    );
  }

  save(endpointId: string, subscriptionId: string, spec: object): void {
    this.upsert.run(this.ensureAgent(endpointId), subscriptionId, JSON.stringify(spec));
  }

  delete(endpointId: string, subscriptionId: string): void {
    this.remove.run(endpointId, subscriptionId);
  }

  list(): KeptSubscription[] {
    return this.all.all().map((r) => ({ endpointId: r.endpoint_id, subscriptionId: r.subscription_id, spec: parseJson<unknown>(r.spec, null) }));
  }
}
