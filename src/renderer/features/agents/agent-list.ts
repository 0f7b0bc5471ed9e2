import type { AgentChange, AgentSummary } from '../../../shared/console-api';
import { formatAge } from '../../lib/format';

/** Applies pushed agent changes to the list held by the UI (upsert by agentId, removals). */
export function applyAgentChanges(list: readonly AgentSummary[], changes: readonly AgentChange[]): AgentSummary[] {
  const byId = new Map(list.map((a) => [a.agentId, a]));
  for (const c of changes) {
    if (c.kind === 'upsert') byId.set(c.agent.agentId, c.agent);
    else byId.delete(c.agentId);
  }
  return sortAgents([...byId.values()]);
}

/** Pinned first, then agents waiting for approval, then by endpoint id. */
export function sortAgents(list: AgentSummary[]): AgentSummary[] {
  const rank = (a: AgentSummary): number => (a.pinned ? 0 : a.approval === 'pending' ? 1 : 2);
  return list.sort((a, b) => rank(a) - rank(b) || a.agentId.localeCompare(b.agentId));
}

export interface AgentViewFilter {
  text: string;
  presence: 'all' | 'online' | 'offline' | 'pending';
  tag: string | null;
}

export const emptyAgentFilter: AgentViewFilter = { text: '', presence: 'all', tag: null };

/** Client-side filter over the list (same fields as the API's AgentFilter.text). */
export function filterAgents(list: readonly AgentSummary[], f: AgentViewFilter): AgentSummary[] {
  const text = f.text.trim().toLowerCase();
  return list.filter((a) => {
    if (f.presence === 'online' && a.presence !== 'online') return false;
    if (f.presence === 'offline' && a.presence === 'online') return false;
    if (f.presence === 'pending' && a.approval !== 'pending') return false;
    if (f.tag !== null && !a.tags.includes(f.tag)) return false;
    if (text === '') return true;
    const hay = [a.agentId, a.model, a.manufacturer, a.firmware, a.serialNumber, a.mtpAddress, a.mtp, ...a.tags]
      .filter((x): x is string => typeof x === 'string')
      .join('\n')
      .toLowerCase();
    return hay.includes(text);
  });
}

export function allTags(list: readonly AgentSummary[]): string[] {
  return [...new Set(list.flatMap((a) => a.tags))].sort();
}

/** Parses the tag editor's text: comma separated, trimmed, deduplicated, empty dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t.length > 0))];
}

/**
 * Who an agent says it is, for approving it knowingly: OUI, product class, serial and USP
 * versions as reported (DeviceInfo, GetSupportedProtocol), else read from its Endpoint ID
 * (`os::OUI-Serial`, `ops::OUI-ProductClass-Serial`, the TR-369 authority schemes).
 */
export function agentIdentity(a: AgentSummary): string {
  const os = /^os::([0-9A-Fa-f]{6})-(.+)$/.exec(a.agentId);
  const ops = /^ops::([0-9A-Fa-f]{6})-(.+)-([^-]+)$/.exec(a.agentId);
  const oui = a.oui ?? os?.[1] ?? ops?.[1] ?? null;
  const productClass = a.productClass ?? ops?.[2] ?? null;
  const serial = a.serialNumber ?? os?.[2] ?? ops?.[3] ?? null;
  const parts = [
    oui ? `OUI ${oui}` : null,
    productClass ? `product class ${productClass}` : null,
    serial ? `serial ${serial}` : null,
    a.protocolVersions ? `USP ${a.protocolVersions}` : null,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join(' · ') : 'no identity reported yet';
}

/** An approved agent that is online is there this very moment: its last sighting is "now". */
export function seenNow(a: AgentSummary): boolean {
  return a.presence === 'online' && a.approval === 'approved';
}

/** "now" for an agent that is online, else how long ago. */
export function lastSeenText(a: AgentSummary, now: number): string {
  if (seenNow(a)) return 'now';
  return a.lastSeen ? `${formatAge(now - a.lastSeen)} ago` : 'never';
}
