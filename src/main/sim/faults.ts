// Fault injection for firmware campaigns (`usp-console sim --faults download=0.1,no-boot=0.02`):
// each named fault happens with its probability each time the agent reaches that point.

/** What each fault does; the README lists the same. */
export const FAULTS = {
  download: 'Download() fails: TransferComplete! with FaultCode 7022 and the image DownloadFailed',
  activate: 'Activate() fails: OperationComplete with 7022, the image ActivationFailed, no reboot',
  'boot-old-image': 'the reboot into the new image fails: the agent comes back on the old image (BootFailureLog set, Boot! FirmwareUpdated=false)',
  'no-boot': 'the agent goes down for the reboot and does not come back until the simulator restarts it',
} as const;

export type FaultName = keyof typeof FAULTS;
export type FaultRates = Partial<Record<FaultName, number>>;

const NAMES = Object.keys(FAULTS) as FaultName[];

/** `download=0.1,no-boot=1` → rates; a message naming what is wrong otherwise. */
export function parseFaults(text: string): { ok: true; rates: FaultRates } | { ok: false; message: string } {
  const rates: FaultRates = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [name, value, extra] = part.split('=');
    if (!NAMES.includes(name as FaultName)) return { ok: false, message: `unknown fault "${name}" (known: ${NAMES.join(', ')})` };
    const rate = Number(value);
    if (extra !== undefined || value === undefined || value.trim() === '' || !(rate >= 0 && rate <= 1)) {
      return { ok: false, message: `${name}: a probability from 0 to 1 is needed, not "${part.slice(name!.length + 1)}"` };
    }
    rates[name as FaultName] = rate;
  }
  return { ok: true, rates };
}

/** One agent's faults: a rate of 1 always happens, 0 (or absent) never. */
export class SimFaults {
  constructor(
    private rates: FaultRates = {},
    private readonly random: () => number = Math.random,
  ) {}

  /** Replaces the rates (a test heals an agent between two campaigns). */
  set(rates: FaultRates): void {
    this.rates = { ...rates };
  }

  /** Whether `name` happens this time. */
  hits(name: FaultName): boolean {
    const rate = this.rates[name] ?? 0;
    if (rate <= 0) return false;
    return rate >= 1 || this.random() < rate;
  }
}
