import type { NewOperation, OperationRow, OperationStatus } from '../../../shared/model/events';
import type { Db } from '../db';
import { Conditions } from './conditions';
import { parseJson } from './json';

interface OperationDbRow {
  id: number;
  endpoint_id: string;
  command: string;
  command_key: string;
  request_path: string | null;
  status: string;
  input_args: string;
  output_args: string | null;
  err_code: number | null;
  err_msg: string | null;
  started_at: number;
  completed_at: number | null;
}

function toRow(r: OperationDbRow): OperationRow {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    command: r.command,
    commandKey: r.command_key,
    requestPath: r.request_path,
    status: r.status as OperationStatus,
    inputArgs: parseJson(r.input_args, {}),
    outputArgs: parseJson(r.output_args, null),
    errCode: r.err_code,
    errMsg: r.err_msg,
    startedAt: r.started_at,
    completedAt: r.completed_at,
  };
}

/** The outcome of an Operate, from OperateResp or a later OperationComplete notification. */
export interface OperationOutcome {
  status: OperationStatus;
  requestPath?: string | null;
  outputArgs?: Record<string, string> | null;
  errCode?: number | null;
  errMsg?: string | null;
  at: number;
}

const FINAL: readonly OperationStatus[] = ['success', 'failure', 'canceled'];

/** Commands we invoked and what became of them (async ones complete via OperationComplete). */
export class OperationsRepo {
  private readonly insert;
  private readonly one;
  private readonly byKey;
  private readonly ofAgent;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      "INSERT INTO operation(endpoint_id, command, command_key, status, input_args, started_at) VALUES (?, ?, ?, 'requested', ?, ?)",
    );
    this.one = db.prepare<[number], OperationDbRow>('SELECT * FROM operation WHERE id = ?');
    this.byKey = db.prepare<[string, string, string, string], OperationDbRow>(
      "SELECT * FROM operation WHERE endpoint_id = ? AND command_key = ? AND (command = ? OR ? = '') ORDER BY id DESC LIMIT 1",
    );
    this.ofAgent = db.prepare<[string, number], OperationDbRow>('SELECT * FROM operation WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?');
  }

  add(op: NewOperation): number {
    return Number(this.insert.run(op.endpointId, op.command, op.commandKey, JSON.stringify(op.inputArgs), op.startedAt).lastInsertRowid);
  }

  get(id: number): OperationRow | undefined {
    const r = this.one.get(id);
    return r ? toRow(r) : undefined;
  }

  /** The latest operation with this command key (and command path, when given). */
  findByKey(endpointId: string, commandKey: string, command = ''): OperationRow | undefined {
    const r = this.byKey.get(endpointId, commandKey, command, command);
    return r ? toRow(r) : undefined;
  }

  update(id: number, outcome: OperationOutcome): void {
    const sets = new Conditions().add('status = ?', outcome.status);
    if (outcome.requestPath !== undefined) sets.add('request_path = ?', outcome.requestPath);
    if (outcome.outputArgs !== undefined) sets.add('output_args = ?', outcome.outputArgs === null ? null : JSON.stringify(outcome.outputArgs));
    if (outcome.errCode !== undefined) sets.add('err_code = ?', outcome.errCode);
    if (outcome.errMsg !== undefined) sets.add('err_msg = ?', outcome.errMsg);
    if (FINAL.includes(outcome.status)) sets.add('completed_at = ?', outcome.at);
    this.db.prepare(`UPDATE operation SET ${sets.clauses.join(', ')} WHERE id = ?`).run(...sets.params, id);
  }

  list(endpointId: string, limit = 200): OperationRow[] {
    return this.ofAgent.all(endpointId, limit).map(toRow);
  }
}
