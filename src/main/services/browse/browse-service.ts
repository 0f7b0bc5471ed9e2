import type {
  GetChildrenOptions, GetSupportedDMOptions, ObjectChildren, RefreshResult, SearchMatch, SearchQuery, SearchResult,
  SupportedDMInfo,
} from '../../../shared/console-api';
import { ConsoleApiError } from '../../../shared/api/errors';
import type { Controller } from '../../controller';
import type { UspClient } from '../usp-client';
import type { EventHub } from '../event-hub';
import type { Store } from '../../store/store';
import { isPlainPath, schemaPathOf } from '../../store/path-utils';
import { childrenFromCache } from './children';
import { searchSchema } from './schema-search';
import { SchemaIndex } from './schema-index';
import { withReference } from '../../services/tr181/reference-enrich';
import { Tr181Reference } from '../../services/tr181/tr181-reference';

const DEFAULT_SEARCH_LIMIT = 500;

/**
 * The tree browser's use cases: schema merged with instances and values, refreshed from the
 * agent when it is online, answered from the cache when it is not, so the tree stays
 * browsable offline and shows each value's age.
 */
export class BrowseService {
  private readonly schemas = new Map<string, SchemaIndex>();
  private readonly schemaFetchedAt = new Map<string, number>();
  /** Object paths already read from the agent this session, so browsing does not re-ask on every expand. */
  private readonly loaded = new Set<string>();
  private progressCounter = 0;

  constructor(
    private readonly controller: Controller,
    private readonly store: Store,
    private readonly usp: UspClient,
    private readonly hub: EventHub,
    private readonly clock: () => number = Date.now,
    private readonly reference = new Tr181Reference(),
  ) {}

  isOnline(agentId: string): boolean {
    return this.controller.agent(agentId)?.online === true;
  }

  /** When the supported data model was last read from the agent in this session. */
  schemaReadAt(agentId: string): number | null {
    return this.schemaFetchedAt.get(agentId) ?? null;
  }

  schema(agentId: string): SchemaIndex {
    let index = this.schemas.get(agentId);
    if (!index) {
      index = new SchemaIndex(this.store.getSupportedDM(agentId));
      this.schemas.set(agentId, index);
    }
    return index;
  }

  async getSupportedDM(agentId: string, options: GetSupportedDMOptions = {}): Promise<SupportedDMInfo> {
    this.requireKnown(agentId);
    const cached = this.schema(agentId);
    const needFetch = options.refresh === true || (cached.size === 0 && !this.schemaFetchedAt.has(agentId));
    let source: 'live' | 'cache' = 'cache';
    if (needFetch) {
      if (!this.isOnline(agentId)) {
        if (cached.size === 0) throw new ConsoleApiError({ code: 'agent-offline', message: `Agent ${agentId} is offline and its data model was never read.` });
      } else {
        const progressId = options.progressId ?? `gsdm-${++this.progressCounter}`;
        const progress = { progressId, kind: 'supported-dm' as const, agentId, label: `Reading the supported data model of ${agentId}`, done: 0, total: null };
        this.hub.push('progress', { ...progress, state: 'running' });
        try {
          await this.usp.getSupportedDM(agentId);
        } catch (err) {
          this.hub.push('progress', { ...progress, state: 'failed', error: err instanceof Error ? err.message : String(err) });
          throw err;
        }
        this.hub.push('progress', { ...progress, done: 1, total: 1, state: 'done' });
        this.schemas.delete(agentId);
        this.schemaFetchedAt.set(agentId, this.clock());
        source = 'live';
      }
    }
    const index = this.schema(agentId);
    return {
      agentId,
      dataModelUris: [],
      objectCount: index.size,
      paramCount: index.paramCount,
      commandCount: index.commandCount,
      eventCount: index.eventCount,
      fetchedAt: this.schemaFetchedAt.get(agentId) ?? null,
      source,
    };
  }

  async getChildren(agentId: string, objPath: string, options: GetChildrenOptions = {}): Promise<ObjectChildren> {
    this.requireKnown(agentId);
    let source: 'live' | 'cache' = 'cache';
    if (this.isOnline(agentId)) {
      if (this.schema(agentId).size === 0 && !this.schemaFetchedAt.has(agentId)) {
        await this.getSupportedDM(agentId).catch(() => undefined);
      }
      const key = `${agentId}\n${objPath}`;
      if (options.refresh === true || !this.loaded.has(key)) {
        source = (await this.readLive(agentId, objPath)) ? 'live' : 'cache';
        if (source === 'live') this.loaded.add(key);
      }
    }
    return withReference(this.reference, { ...childrenFromCache(this.store, this.schema(agentId), agentId, objPath), source });
  }

  async refresh(agentId: string, path: string): Promise<RefreshResult> {
    this.requireKnown(agentId);
    if (this.isOnline(agentId)) {
      const result = await this.usp.get(agentId, [path]);
      const readAt = this.clock();
      return {
        agentId,
        path,
        source: 'live',
        values: result.requestedPaths.flatMap((r) =>
          r.resolved.flatMap((o) => Object.entries(o.params).map(([name, value]) => ({ path: o.path + name, value, readAt }))),
        ),
        errors: result.requestedPaths.filter((r) => r.errCode !== 0).map((r) => ({ path: r.requestedPath, errCode: r.errCode, errMsg: r.errMsg })),
      };
    }
    const values = this.store.getCachedValues(agentId, path).map((v) => ({ path: v.path, value: v.value, readAt: v.readAt }));
    return { agentId, path, source: 'cache', values, errors: [] };
  }

  async searchTree(agentId: string, query: SearchQuery): Promise<SearchResult> {
    this.requireKnown(agentId);
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const text = query.text.trim();
    if (text === '') return { matches: [], truncated: false, source: 'cache' };
    const dbId = this.store.agents.idOf(agentId);
    const instancesOf = (table: string): readonly number[] => (dbId === undefined ? [] : this.store.cache.instanceNumbers(dbId, table));
    // Commands and events by path: the supported model answers; a Get reads parameters only.
    if (query.kind === 'path' && /(\(\)|!)$/.test(text)) {
      return this.page(searchSchema(this.schema(agentId), text, 'path', instancesOf, limit + 1), limit, 'cache');
    }
    if (query.kind === 'path') {
      if (query.live !== false && this.isOnline(agentId) && /^Device\./.test(text)) {
        const result = await this.readingLive(agentId, query, text, () => this.usp.get(agentId, [text]));
        const ok = result.requestedPaths.filter((r) => r.errCode === 0);
        if (ok.length > 0) {
          const all = ok.flatMap((r) => r.resolved.flatMap((o) => Object.entries(o.params).map(([name, value]) => ({ path: o.path + name, value }))));
          const readAt = this.clock();
          return this.page(all.map((v) => this.paramMatch(agentId, v.path, v.value, readAt)), limit, 'live');
        }
      }
      if (!isPlainPath(text) || text.endsWith('.')) {
        const values = this.store.getCachedValues(agentId, text);
        if (values.length > 0 || !isPlainPath(text)) {
          return this.page(values.map((v) => this.paramMatch(agentId, v.path, v.value, v.readAt)), limit, 'cache');
        }
      }
      // A partial path ('Device.WiFi.SS'): the cached values under its object, by prefix.
      const under = dbId === undefined ? [] : this.store.cache.valuesUnder(dbId, text.slice(0, text.lastIndexOf('.') + 1) || 'Device.');
      return this.page(under.filter((v) => v.path.startsWith(text)).map((v) => this.paramMatch(agentId, v.path, v.value, v.readAt)), limit, 'cache');
    }
    if (dbId === undefined) return { matches: [], truncated: false, source: 'cache' };
    // Names also find objects, commands and events of the supported model.
    const named = query.kind === 'name' ? searchSchema(this.schema(agentId), text, 'name', instancesOf, limit + 1) : [];
    // One row more than asked tells whether the result was cut.
    const search = (): SearchMatch[] => [
      ...named,
      ...this.store.cache.searchValues(dbId, text, query.kind === 'value' ? 'value' : 'path', limit + 1).map((v) => this.paramMatch(agentId, v.path, v.value, v.readAt)),
    ];
    const matches = search();
    // The cache cannot answer: read the whole device once (a live Get of Device.) and look again.
    if (matches.length === 0 && query.live !== false && this.isOnline(agentId)) {
      await this.readingLive(agentId, query, 'Device.', () => this.usp.get(agentId, ['Device.']));
      return this.page(search(), limit, 'live');
    }
    return this.page(matches, limit, 'cache');
  }

  /** A live read for a search, announced as 'search' progress (running, then done or failed). */
  private async readingLive<T>(agentId: string, query: SearchQuery, path: string, read: () => Promise<T>): Promise<T> {
    const progress = { progressId: query.progressId ?? `search-${++this.progressCounter}`, kind: 'search' as const, agentId, label: `Reading ${path} live from ${agentId}`, done: 0, total: 1 };
    this.hub.push('progress', { ...progress, state: 'running' });
    try {
      const result = await read();
      this.hub.push('progress', { ...progress, done: 1, state: 'done' });
      return result;
    } catch (err) {
      this.hub.push('progress', { ...progress, state: 'failed', error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }

  /** Path autocomplete from the cached schema and instances: one more segment after `prefix`. */
  completePath(agentId: string, prefix: string, limit = 20): string[] {
    const cut = prefix.lastIndexOf('.') + 1;
    if (cut === 0) return 'Device.'.startsWith(prefix) ? ['Device.'] : [];
    const parent = prefix.slice(0, cut);
    const partial = prefix.slice(cut);
    const node = childrenFromCache(this.store, this.schema(agentId), agentId, parent);
    const names = [
      ...node.objects.map((o) => `${o.name}.`),
      ...node.params.map((p) => p.schema.name),
      ...node.commands.map((c) => c.name),
      ...node.events.map((e) => e.name),
    ];
    return names.filter((n) => n.startsWith(partial)).slice(0, limit).map((n) => parent + n);
  }

  /** Reads one node from the agent; false when the agent could not answer (the cache is shown instead). */
  private async readLive(agentId: string, objPath: string): Promise<boolean> {
    const schema = this.schema(agentId);
    try {
      if (schema.tableRow(schemaPathOf(objPath))) {
        await this.usp.getInstances(agentId, [objPath], true);
        return true;
      }
      await this.usp.get(agentId, [objPath], { maxDepth: 1 });
      const tables = schema
        .children(schemaPathOf(objPath))
        .filter((c) => c.kind === 'table')
        .map((c) => `${objPath}${c.name}.`);
      if (tables.length > 0) await this.usp.getInstances(agentId, tables, true);
      return true;
    } catch {
      return false;
    }
  }

  private paramMatch(agentId: string, path: string, value: string, readAt: number): SearchMatch {
    const schemaPath = schemaPathOf(path);
    const cut = schemaPath.lastIndexOf('.') + 1;
    const name = schemaPath.slice(cut);
    const type = this.schema(agentId).byPath.get(schemaPath.slice(0, cut))?.params.find((p) => p.name === name)?.type;
    return { kind: 'param', path, value, readAt, ...(type ? { type } : {}) };
  }

  private page(matches: SearchMatch[], limit: number, source: 'live' | 'cache'): SearchResult {
    return { matches: matches.slice(0, limit), truncated: matches.length > limit, source };
  }

  private requireKnown(agentId: string): void {
    if (this.store.agents.idOf(agentId) === undefined && !this.controller.agent(agentId)) {
      throw new ConsoleApiError({ code: 'not-found', message: `No agent ${agentId} is known.` });
    }
  }
}
