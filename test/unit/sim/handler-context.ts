import { SimCommands, type CommandEvents } from '../../../src/main/sim/commands/sim-commands';
import type { CommandOutcome, HandlerContext } from '../../../src/main/sim/handlers/context';
import { createHomeGatewayModel } from '../../../src/main/sim/model/builtin-model';
import type { DataModel } from '../../../src/main/sim/model/data-model';
import type { SimFirmwareOptions } from '../../../src/main/sim/commands/sim-commands';

export const CONTROLLER = 'self::usp-console';

/** What the commands asked of their agent, recorded for assertions. */
export interface Recorded {
  completions: { objPath: string; commandName: string; commandKey: string; outcome: CommandOutcome }[];
  restarts: { kind: string; cause: string; reason: string; commandKey: string; bootImage: string | null }[];
  onBoard: string[];
  events: { objPath: string; eventName: string; params: Record<string, string> }[];
}

/** A handler context on a fresh home-gateway model with the real command implementations. */
export function handlerContext(asyncDurationMs = 5, model: DataModel = createHomeGatewayModel(), firmware: SimFirmwareOptions = {}): { ctx: HandlerContext; recorded: Recorded } {
  model.createInstance('Device.LocalAgent.Controller.', { EndpointID: CONTROLLER, Enable: 'true' });
  const recorded: Recorded = { completions: [], restarts: [], onBoard: [], events: [] };
  const events: CommandEvents = {
    operationComplete: (objPath, commandName, commandKey, outcome) => recorded.completions.push({ objPath, commandName, commandKey, outcome }),
    restart: (kind, cause, reason, commandKey, bootImage) => recorded.restarts.push({ kind, cause, reason, commandKey, bootImage }),
    event: (objPath, eventName, params) => recorded.events.push({ objPath, eventName, params }),
    sendOnBoardRequest: (row) => recorded.onBoard.push(row),
  };
  const ctx: HandlerContext = {
    model,
    controllerId: CONTROLLER,
    readSecured: false,
    commands: new SimCommands(() => model, events, asyncDurationMs, () => new Date('2026-11-25T12:00:00Z'), firmware),
    protocolVersions: '1.0,1.1,1.2,1.3',
    now: () => new Date('2026-11-25T12:00:00Z'),
  };
  return { ctx, recorded };
}
