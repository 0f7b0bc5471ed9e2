import { USP_ERR_PERMISSION_DENIED } from '../../../shared/usp-error-codes';
import type { Controller } from '../../controller';
import * as subscriptions from '../../controller/subscriptions';
import type * as m from '../../usp/messages';
import type { ControllerTrustService, Denial } from './controller-trust-service';

type Requests = 'get' | 'getInstances' | 'getSupportedDM' | 'set' | 'add' | 'delete' | 'operate';

/** The requests to one agent that an agent may refuse with 7006 "Permission Denied", subscriptions included. */
export type AgentRequests = Pick<Controller, Requests | 'createSubscription' | 'listSubscriptions' | 'deleteSubscription'>;

/** What explainingDenials wraps: the controller's own requests and Endpoint ID. */
export type PlainRequests = Pick<Controller, Requests | 'endpointId'>;

/**
 * The same requests, with every 7006 the agent answers (an Error message, a requested path, an
 * object, a parameter, a command) saying which of the agent's roles lacks which permission. The
 * one place that does it: the console's USP client (browse, edits, jobs, snapshots) and the
 * CLI's one-agent commands send through it. `trust` reads the roles with the undecorated requests.
 */
export function explainingDenials(requests: PlainRequests, trust: ControllerTrustService): AgentRequests {
  const explained: Pick<Controller, Requests> = {
    get: (agentId, paths, options) => trust.explained(agentId, 'get', paths, () => requests.get(agentId, paths, options), (r) => deniedPaths(r.requestedPaths)),
    getInstances: (agentId, request, options) =>
      trust.explained(agentId, 'getInstances', request.objPaths, () => requests.getInstances(agentId, request, options), (r) => deniedPaths(r.requestedPaths)),
    getSupportedDM: (agentId, request, options) =>
      trust.explained(agentId, 'getSupportedDM', request.objPaths, () => requests.getSupportedDM(agentId, request, options), (r) => deniedPaths(r.requestedObjs)),
    set: (agentId, request, options) =>
      trust.explained(agentId, 'set', request.updateObjs.flatMap((o) => o.params.map((p) => o.objPath + p.param)), () => requests.set(agentId, request, options), deniedInSet),
    // An Add needs write on Obj for the object and write on Param for each parameter it sets.
    add: (agentId, request, options) =>
      trust.explained(agentId, (path) => (path.endsWith('.') ? 'add' : 'set'), request.createObjs.map((o) => o.objPath), () => requests.add(agentId, request, options), deniedInAdd),
    delete: (agentId, request, options) => trust.explained(agentId, 'delete', request.objPaths, () => requests.delete(agentId, request, options), deniedInDelete),
    operate: (agentId, options) => trust.explained(agentId, 'operate', [options.command], () => requests.operate(agentId, options), deniedInOperate),
  };
  // Subscriptions are Adds, Gets and Deletes of Device.LocalAgent.Subscription.: sent through the
  // same requests, a 7006 on them is explained too.
  const client: subscriptions.SubscriptionClient = {
    get endpointId() {
      return requests.endpointId;
    },
    ...explained,
  };
  return {
    ...explained,
    createSubscription: (agentId, spec, options) => subscriptions.createSubscription(client, agentId, spec, options),
    listSubscriptions: (agentId, options) => subscriptions.listSubscriptions(client, agentId, options),
    deleteSubscription: (agentId, idOrPath, options) => subscriptions.deleteSubscription(client, agentId, idOrPath, options),
  };
}

interface Failure {
  errCode: number;
  errMsg: string;
}

function denial(path: string, failure: Failure): Denial[] {
  if (failure.errCode !== USP_ERR_PERMISSION_DENIED) return [];
  return [{ path, errMsg: failure.errMsg, rewrite: (text) => void (failure.errMsg = text) }];
}

/** Get, GetInstances and GetSupportedDM: a failure per requested path. */
function deniedPaths(results: readonly (Failure & { requestedPath: string })[]): Denial[] {
  return results.flatMap((r) => denial(r.requestedPath, r));
}

function paramDenials(objPath: string, errs: readonly m.ParamError[]): Denial[] {
  return errs.flatMap((e) => denial(objPath + e.param, e));
}

function deniedInSet(result: m.SetResult): Denial[] {
  return result.updatedObjs.flatMap((o) =>
    o.ok
      ? o.updatedInstances.flatMap((i) => paramDenials(i.affectedPath, i.paramErrs))
      : [...denial(o.requestedPath, o), ...o.failedInstances.flatMap((i) => paramDenials(i.affectedPath, i.paramErrs))],
  );
}

function deniedInAdd(result: m.AddResult): Denial[] {
  return result.createdObjs.flatMap((o) => (o.ok ? paramDenials(o.instantiatedPath, o.paramErrs) : denial(o.requestedPath, o)));
}

function deniedInDelete(result: m.DeleteResult): Denial[] {
  return result.deletedObjs.flatMap((o) => (o.ok ? o.unaffectedPathErrs.flatMap((e) => denial(e.path, e)) : denial(o.requestedPath, o)));
}

function deniedInOperate(outcome: Awaited<ReturnType<Controller['operate']>>): Denial[] {
  return outcome.results.flatMap((r) => (r.kind === 'failure' ? denial(r.executedCommand, r) : []));
}
