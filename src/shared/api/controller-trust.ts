/** One Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}. row. */
export interface TrustPermission {
  path: string;
  enable: boolean;
  /** Larger Order wins among a role's permissions matching the same target. */
  order: number;
  targets: string[];
  /** 4-character `rwxn` strings, '-' where not granted. */
  param: string;
  obj: string;
  instantiatedObj: string;
  commandEvent: string;
}

export interface TrustRole {
  /** e.g. "Device.LocalAgent.ControllerTrust.Role.1." */
  path: string;
  name: string;
  enable: boolean;
  /** AssignedRole (given by a controller, UI or challenge) or InheritedRole (from the credential). */
  source: 'assigned' | 'inherited';
  permissions: TrustPermission[];
}

/** What an agent grants this console: its Device.LocalAgent.Controller.{i}. row and roles. */
export interface ControllerTrust {
  agentId: string;
  /** Our Controller row on the agent, e.g. "Device.LocalAgent.Controller.1."; null when none names our Endpoint ID. */
  controllerPath: string | null;
  enable: boolean | null;
  /** Controller.{i}.Credential: the certificate the agent associates with us. */
  credential: string | null;
  roles: TrustRole[];
  /** What could not be read (the agent hid or refused it) or did not add up (a role reference to nothing). */
  problems: string[];
  readAt: number;
}
