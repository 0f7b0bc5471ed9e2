import type { Migration } from '../migration';

/**
 * The subscriptions this console made on each agent, so that they are re-created after the
 * agent loses them also when the console was restarted in between. Gone with the agent.
 */
export const migration006: Migration = {
  version: 6,
  name: 'kept-subscriptions',
  up(db) {
    db.exec(`
      CREATE TABLE kept_subscription (
        agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        subscription_id TEXT NOT NULL,
        spec TEXT NOT NULL,
        PRIMARY KEY (agent_id, subscription_id)
      ) WITHOUT ROWID;
    `);
  },
};
