import * as m from '../usp/messages';
import { ControllerCore, type RequestOptions } from './controller-core';
import { runOperate, type OperateContext, type OperateOptions, type OperateOutcome } from './operations';
import * as subs from './subscriptions';
import { waitForAgent } from './wait-for-agent';
import type { AgentInfo } from './agent-registry';

export { ControllerCore, type ControllerOptions, type RequestOptions } from './controller-core';

/**
 * The USP Controller: one instance talks to any number of agents over any number of transports.
 * Everything is per agent (registry, pending requests, in-flight limit, Notify de-dup); the UI,
 * the store and the CLI learn what happens through the events of ControllerEvents. Every USP
 * operation returns the USP core's parsed result, with per-path failures as data.
 */
export class Controller extends ControllerCore {
  /** Resolves once the agent is online (at once if it is); AgentUnreachableError after timeoutMs. */
  waitForAgent(endpointId: string, timeoutMs: number): Promise<AgentInfo> {
    return waitForAgent(this, endpointId, timeoutMs);
  }

  async get(endpointId: string, paths: string[], options: RequestOptions & { maxDepth?: number } = {}): Promise<m.GetResult> {
    return m.parseGetResp(await this.request(endpointId, (id) => m.buildGet(id, paths, options.maxDepth), options));
  }

  async set(endpointId: string, request: m.SetRequest, options?: RequestOptions): Promise<m.SetResult> {
    return m.parseSetResp(await this.request(endpointId, (id) => m.buildSet(id, request), options));
  }

  async add(endpointId: string, request: m.AddRequest, options?: RequestOptions): Promise<m.AddResult> {
    return m.parseAddResp(await this.request(endpointId, (id) => m.buildAdd(id, request), options));
  }

  async delete(endpointId: string, request: m.DeleteRequest, options?: RequestOptions): Promise<m.DeleteResult> {
    return m.parseDeleteResp(await this.request(endpointId, (id) => m.buildDelete(id, request), options));
  }

  async getSupportedDM(endpointId: string, request: m.GetSupportedDMRequest, options?: RequestOptions): Promise<m.GetSupportedDMResult> {
    return m.parseGetSupportedDMResp(await this.request(endpointId, (id) => m.buildGetSupportedDM(id, request), options));
  }

  async getInstances(endpointId: string, request: m.GetInstancesRequest, options?: RequestOptions): Promise<m.GetInstancesResult> {
    return m.parseGetInstancesResp(await this.request(endpointId, (id) => m.buildGetInstances(id, request), options));
  }

  /** Asks for the agent's USP versions and remembers them in the registry. */
  getSupportedProtocol(endpointId: string, options?: RequestOptions): Promise<m.GetSupportedProtocolResult> {
    return this.queryProtocolVersions(endpointId, options);
  }

  /** Operate, sync or async (operations.ts). */
  operate(endpointId: string, options: OperateOptions): Promise<OperateOutcome> {
    return runOperate(this.operateContext(), endpointId, options);
  }

  createSubscription(endpointId: string, spec: subs.SubscriptionSpec, options?: RequestOptions): Promise<subs.SubscriptionInfo> {
    return subs.createSubscription(this, endpointId, spec, options);
  }

  listSubscriptions(endpointId: string, options?: RequestOptions & { all?: boolean }): Promise<subs.SubscriptionInfo[]> {
    return subs.listSubscriptions(this, endpointId, options);
  }

  /** Deletes one of our subscriptions by ID or instance path; false when there was none. */
  deleteSubscription(endpointId: string, idOrPath: string, options?: RequestOptions): Promise<boolean> {
    return subs.deleteSubscription(this, endpointId, idOrPath, options);
  }

  private operateContext(): OperateContext {
    return {
      request: this.request.bind(this),
      tracker: this.operations,
      subscriptions: this,
      warn: (endpointId: string, message: string) => this.emit('warning', { at: this.clock(), message, endpointId }),
    };
  }

}
