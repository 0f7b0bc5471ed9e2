import type { DataModel } from '../model/data-model';
import type { CommandOutcome } from '../handlers/context';

/** A stable small number from a string, so repeated diagnostics of one host give the same figures. */
function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function wanAddress(model: DataModel): string {
  return model.get('Device.IP.Interface.2.IPv4Address.1.IPAddress') ?? '';
}

/** Hosts under `.invalid` (RFC 6761) never resolve, which gives tests a way to see an Error status. */
function unresolvable(host: string): boolean {
  return host === '' || host.endsWith('.invalid');
}

/** `Device.IP.Diagnostics.IPPing()` outputs from a plausible simulated run. */
export function ipPing(model: DataModel, input: Record<string, string>): CommandOutcome {
  const host = input.Host ?? '';
  if (unresolvable(host)) return { ok: true, output: { Status: 'Error_CannotResolveHostName' } };
  const count = Number(input.NumberOfRepetitions ?? '1');
  const base = 5 + (hash(host) % 40);
  return {
    ok: true,
    output: {
      Status: 'Complete',
      IPAddressUsed: wanAddress(model),
      SuccessCount: String(count),
      FailureCount: '0',
      AverageResponseTime: String(base + 2),
      MinimumResponseTime: String(base),
      MaximumResponseTime: String(base + 5),
      AverageResponseTimeDetailed: String((base + 2) * 1000 + 317),
      MinimumResponseTimeDetailed: String(base * 1000 + 42),
      MaximumResponseTimeDetailed: String((base + 5) * 1000 + 901),
    },
  };
}

/** `Device.IP.Diagnostics.TraceRoute()` outputs with `RouteHops.{i}.` rows flattened. */
export function traceRoute(model: DataModel, input: Record<string, string>): CommandOutcome {
  const host = input.Host ?? '';
  if (unresolvable(host)) return { ok: true, output: { Status: 'Error_CannotResolveHostName' } };
  const hops = 3 + (hash(host) % 4);
  const output: Record<string, string> = { Status: 'Complete', IPAddressUsed: wanAddress(model), ResponseTime: String(hops * 7) };
  for (let i = 1; i <= hops; i++) {
    const address = i === hops ? host : `198.51.100.${i}`;
    output[`RouteHops.${i}.Host`] = address;
    output[`RouteHops.${i}.HostAddress`] = address;
    output[`RouteHops.${i}.ErrorCode`] = '0';
    output[`RouteHops.${i}.RTTimes`] = [i * 3, i * 3 + 1, i * 3 + 2].join(',');
  }
  return { ok: true, output };
}
