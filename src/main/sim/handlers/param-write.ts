import { toSchemaPath } from '../model/schema';
import type { DataModel } from '../model/data-model';
import type { SchemaNode } from '../model/schema';
import { checkValue, splitList } from '../model/value-check';
import { USP_ERR_INVALID_VALUE, USP_ERR_PARAM_NOT_WRITABLE, USP_ERR_UNSUPPORTED_PARAM } from '../../../shared/usp-error-codes';

/** One value to write once the whole request has been checked. */
export interface PlannedWrite {
  obj: string;
  name: string;
  value: string;
}

export type WriteCheck = { ok: true; write: PlannedWrite } | { ok: false; errCode: number; errMsg: string };

const SUBSCRIPTION = 'Device.LocalAgent.Subscription.{i}.';

/**
 * Checks one parameter setting of a Set (`creating` false) or Add (`creating` true):
 * 7010 unknown parameter, 7013 not writable, 7011/7012 bad value.
 * `relParam` may descend into single-instance sub-objects (`Security.ModeEnabled`).
 */
export function checkWrite(
  model: DataModel,
  objPath: string,
  relParam: string,
  value: string,
  creating: boolean,
  sibling: (obj: string, name: string) => string | undefined,
): WriteCheck {
  const cut = relParam.lastIndexOf('.');
  const obj = objPath + relParam.slice(0, cut + 1);
  const name = relParam.slice(cut + 1);
  const def = model.schema.node(obj)?.params.get(name);
  if (!def) return { ok: false, errCode: USP_ERR_UNSUPPORTED_PARAM, errMsg: `${obj}${name} is not a supported parameter` };
  const current = creating ? undefined : model.store.get(obj, name);
  if (def.access === 'R') return { ok: false, errCode: USP_ERR_PARAM_NOT_WRITABLE, errMsg: `${obj}${name} is read-only` };
  // writeOnceReadOnly (W1): settable in the Add that creates the row, then fixed.
  if (def.access === 'W1' && !creating && current !== undefined && current !== '' && current !== value) {
    return { ok: false, errCode: USP_ERR_PARAM_NOT_WRITABLE, errMsg: `${obj}${name} can only be set when the object is created` };
  }
  const checked = checkValue(def, value, (n) => sibling(obj, n));
  if (!checked.ok) return { ok: false, errCode: checked.code, errMsg: `${obj}${name}: ${checked.message}` };
  if (def.ref?.strong && def.ref.target.startsWith('Device.')) {
    for (const item of splitList(checked.value)) {
      if (item === '') continue;
      const target = item.endsWith('.') ? item : `${item}.`;
      if (!model.exists(target) || toSchemaPath(target) !== `${def.ref.target}.`) {
        return { ok: false, errCode: USP_ERR_INVALID_VALUE, errMsg: `${obj}${name}: ${item} is not an existing ${def.ref.target}` };
      }
    }
  }
  if (toSchemaPath(obj) === SUBSCRIPTION) {
    // obuspa: ReferenceList is immutable once set; an explicitly empty ID is refused.
    if (name === 'ReferenceList' && !creating && current !== '' && current !== checked.value) {
      return { ok: false, errCode: USP_ERR_INVALID_VALUE, errMsg: `${obj}ReferenceList cannot change once set; delete and re-add the subscription` };
    }
    if (name === 'ID' && checked.value === '') return { ok: false, errCode: USP_ERR_INVALID_VALUE, errMsg: `${obj}ID must not be empty` };
  }
  return { ok: true, write: { obj, name, value: checked.value } };
}

/** Key sets made only of identifiers (Alias, Name) must be unique among all rows; functional keys only among enabled rows. */
function mustCompare(table: SchemaNode, keySet: readonly string[], mine: Record<string, string>, other: Record<string, string>): boolean {
  const identifiersOnly = keySet.every((k) => k === 'Alias' || k === 'Name');
  if (identifiersOnly || !table.params.has('Enable')) return true;
  return mine.Enable === 'true' && other.Enable === 'true';
}

/**
 * The key set a row's final values would duplicate (R-ADD.5, 7025), or null. `row` is the
 * row's own path (excluded from the comparison), `values` its values after the writes.
 */
export function duplicateKey(model: DataModel, tablePath: string, row: string, values: Record<string, string>): string[] | null {
  const table = model.schema.table(tablePath);
  if (!table) return null;
  for (const keySet of table.uniqueKeys) {
    for (const n of model.instances(tablePath)) {
      const other = `${tablePath}${n}.`;
      if (other === row) continue;
      const otherValues = model.values(other) ?? {};
      if (!mustCompare(table, keySet, values, otherValues)) continue;
      if (keySet.every((k) => values[k] === otherValues[k])) return [...keySet];
    }
  }
  return null;
}

/** Model rules that follow a write: a manual channel turns auto-channel off. */
export function applyWriteRules(model: DataModel, write: PlannedWrite): void {
  if (write.name === 'Channel' && toSchemaPath(write.obj) === 'Device.WiFi.Radio.{i}.') {
    model.setValue(write.obj, 'AutoChannelEnable', 'false');
  }
}
