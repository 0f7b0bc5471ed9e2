import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createApiDispatcher } from '../../../src/main/api/api-dispatcher';

const target = {
  calls: [] as unknown[][],
  async greet(name: string, times?: number) {
    this.calls.push([name, times]);
    return `hello ${name}`.repeat(times ?? 1);
  },
};
const schemas = { greet: z.tuple([z.string().min(1), z.number().int().positive().optional()]) };
const dispatcher = () => createApiDispatcher({ methods: ['greet'], schemas, target, subscribe: () => () => undefined });

describe('api dispatcher', () => {
  it('calls the implementation with the validated arguments, as a method of its target', async () => {
    expect(await dispatcher().call('greet', ['ann', 2])).toBe('hello annhello ann');
    expect(await dispatcher().call('greet', ['bob'])).toBe('hello bob');
    expect(target.calls.at(-1)).toEqual(['bob', undefined]);
  });

  it('refuses an unknown method and bad arguments with invalid-argument, naming the argument', async () => {
    await expect(dispatcher().call('drop', [])).rejects.toMatchObject({ code: 'invalid-argument', message: 'Unknown method "drop".' });
    await expect(dispatcher().call('greet', [''])).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('argument 1') });
    await expect(dispatcher().call('greet', 'ann')).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('will not start with a method that has no schema or no implementation', () => {
    expect(() => createApiDispatcher({ methods: ['greet', 'wave'], schemas, target, subscribe: () => () => undefined })).toThrow(/wave/);
  });
});
