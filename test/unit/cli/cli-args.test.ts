import { describe, expect, it } from 'vitest';
import { checkPath, intOption, splitAssignment, splitParamAssignment } from '../../../src/main/cli/one-agent/cli-args';
import { CliUsageError } from '../../../src/main/cli/transport-options';

/** The CliUsageError that run throws; fails the test when it returns. */
function usageError(run: () => unknown): CliUsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return error as CliUsageError;
  }
  throw new Error('returned without a usage error');
}

describe('checkPath', () => {
  it('returns the parsed path for a path the field takes', () => {
    expect(checkPath('Device.DeviceInfo.', 'Get.param_paths')).toMatchObject({ kind: 'object', segments: [{ name: 'Device' }, { name: 'DeviceInfo' }] });
  });

  it('names the path, the problem and its position', () => {
    expect(usageError(() => checkPath('Device..X', 'Get.param_paths')).message).toBe(
      'bad path "Device..X": unexpected "." at position 7 (expected a name, an instance number, "*" or "[...]")',
    );
    expect(usageError(() => checkPath('Device.DeviceInfo.Foo', 'Set.obj_path', 'object path')).message).toBe(
      'bad object path "Device.DeviceInfo.Foo": Set.obj_path does not take a parameter path at position 18 (expected an object path ending in ".")',
    );
  });
});

describe('splitAssignment', () => {
  it('splits at the first "="', () => {
    expect(splitAssignment('Name=a=b', 'NAME')).toEqual(['Name', 'a=b']);
    expect(splitAssignment('Name=', 'NAME')).toEqual(['Name', '']);
  });

  it('refuses text without a name before "="', () => {
    expect(usageError(() => splitAssignment('Name', 'NAME')).message).toBe('expected NAME=VALUE, not "Name"');
    expect(usageError(() => splitAssignment('=v', 'NAME')).message).toBe('expected NAME=VALUE, not "=v"');
  });
});

describe('splitParamAssignment', () => {
  it('splits a parameter path from its value', () => {
    expect(splitParamAssignment('Device.IP.Interface.*.Enable=a=b')).toEqual({ objPath: 'Device.IP.Interface.*.', param: 'Enable', value: 'a=b' });
  });

  it('keeps "=" inside a search expression in the path', () => {
    expect(splitParamAssignment('Device.IP.Interface.[Alias=="wan"].Enable=true')).toEqual({
      objPath: 'Device.IP.Interface.[Alias=="wan"].',
      param: 'Enable',
      value: 'true',
    });
  });

  it('says why the text is not PARAMETER_PATH=VALUE', () => {
    expect(usageError(() => splitParamAssignment('Device.X')).message).toBe('expected PARAMETER_PATH=VALUE, not "Device.X"');
    expect(usageError(() => splitParamAssignment('=1')).message).toBe('expected PARAMETER_PATH=VALUE, not "=1"');
    expect(usageError(() => splitParamAssignment('Device.X.=1')).message).toBe('expected PARAMETER_PATH=VALUE, not "Device.X.=1": "Device.X." is not a parameter path');
    expect(usageError(() => splitParamAssignment('Device..X=1')).message).toBe('expected PARAMETER_PATH=VALUE, not "Device..X=1": unexpected "." at position 7');
  });
});

describe('intOption', () => {
  it('gives the fallback when the flag is absent and the number when it is given', () => {
    expect(intOption(undefined, '--max-depth', 0, 7)).toBe(7);
    expect(intOption('0', '--max-depth', 0, 7)).toBe(0);
    expect(intOption('12', '--max-depth', 0, 7)).toBe(12);
  });

  it.each(['-1', '1.5', 'x', 'NaN'])('refuses "%s"', (value) => {
    expect(usageError(() => intOption(value, '--max-depth', 0, 7)).message).toBe(`--max-depth must be a whole number ≥ 0, not "${value}"`);
  });

  it('refuses a value below min and a flag given as a boolean', () => {
    expect(usageError(() => intOption('0', '--count', 1, 1)).message).toBe('--count must be a whole number ≥ 1, not "0"');
    expect(usageError(() => intOption(true, '--count', 1, 1)).message).toBe('--count must be a whole number ≥ 1, not "true"');
  });
});
