import type { AgentGroup } from '../../../shared/jobs/groups';
import type { Db } from '../db';
import { parseJson } from './json';

interface GroupDbRow {
  name: string;
  agents: string | null;
  filter: string | null;
  created_at: number;
  updated_at: number;
}

function toGroup(r: GroupDbRow): AgentGroup {
  return r.filter !== null
    ? { name: r.name, filter: r.filter, createdAt: r.created_at, updatedAt: r.updated_at }
    : { name: r.name, agents: parseJson<string[]>(r.agents, []), createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Saved selections of agents ("groups"): a fixed list, or a filter evaluated when used. */
export class GroupsRepo {
  private readonly upsert;
  private readonly one;
  private readonly all;
  private readonly remove;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string | null, string | null, number, number]>(
      `INSERT INTO agent_group(name, agents, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET agents = excluded.agents, filter = excluded.filter, updated_at = excluded.updated_at`,
    );
    this.one = db.prepare<[string], GroupDbRow>('SELECT * FROM agent_group WHERE name = ?');
    this.all = db.prepare<[], GroupDbRow>('SELECT * FROM agent_group ORDER BY name');
    this.remove = db.prepare<[string]>('DELETE FROM agent_group WHERE name = ?');
  }

  save(group: { name: string; agents: string[] } | { name: string; filter: string }, at: number): AgentGroup {
    if ('filter' in group) this.upsert.run(group.name, null, group.filter, at, at);
    else this.upsert.run(group.name, JSON.stringify(group.agents), null, at, at);
    return this.get(group.name)!;
  }

  get(name: string): AgentGroup | undefined {
    const r = this.one.get(name);
    return r ? toGroup(r) : undefined;
  }

  list(): AgentGroup[] {
    return this.all.all().map(toGroup);
  }

  delete(name: string): boolean {
    return this.remove.run(name).changes > 0;
  }
}
