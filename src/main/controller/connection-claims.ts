import type { InboundRecord, MtpAddress } from '../mtp/transport';

/** Records a contested connection may send while the controller checks the one it contests. */
const MAX_HELD_RECORDS = 16;
/** Contests running at once; past it, new claimants are refused without a probe. */
const MAX_CONTESTS = 256;

interface Contest {
  endpointId: string;
  /** The connection that speaks for the agent now. */
  incumbent: MtpAddress;
  held: InboundRecord[];
}

/**
 * Which agent each WebSocket/UDS connection speaks for (issue 9 #1, R-SEC.0a): a connection is
 * bound to one Endpoint ID, by the `eid` of its upgrade or by its first accepted Record, until it
 * closes. A connection claiming an agent that is online on another connection is "contested":
 * its Records are held (bounded) until the controller has checked the incumbent.
 */
export class ConnectionClaims {
  private readonly bound = new Map<string, string>();
  private readonly contests = new Map<string, Contest>();

  boundTo(address: MtpAddress): string | undefined {
    return this.bound.get(keyOf(address));
  }

  bind(address: MtpAddress, endpointId: string): void {
    this.bound.set(keyOf(address), endpointId);
  }

  /** The connection closed: its binding and any held Records go. Returns the contest it was in, if any. */
  release(address: MtpAddress): void {
    this.bound.delete(keyOf(address));
    this.contests.delete(keyOf(address));
  }

  contest(address: MtpAddress): Contest | undefined {
    return this.contests.get(keyOf(address));
  }

  /** Opens a contest; false when too many are running already. */
  open(claimant: MtpAddress, endpointId: string, incumbent: MtpAddress): boolean {
    if (this.contests.size >= MAX_CONTESTS) return false;
    this.contests.set(keyOf(claimant), { endpointId, incumbent, held: [] });
    return true;
  }

  /** Holds a Record of a contested connection; false when its bound is reached (the Record is dropped). */
  hold(claimant: MtpAddress, inbound: InboundRecord): boolean {
    const contest = this.contests.get(keyOf(claimant));
    if (!contest || contest.held.length >= MAX_HELD_RECORDS) return false;
    contest.held.push(inbound);
    return true;
  }

  /** Ends a contest and hands back the Records held meanwhile. */
  close(claimant: MtpAddress): InboundRecord[] {
    const contest = this.contests.get(keyOf(claimant));
    this.contests.delete(keyOf(claimant));
    return contest?.held ?? [];
  }
}

function keyOf(address: MtpAddress): string {
  return `${address.transportId}\u0000${address.target}`;
}
