import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, defaultDataDir } from '../../../src/main/store/data-dir';

describe('defaultDataDir', () => {
  it('follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/srv/data' })).toBe('/srv/data/usp-console');
    expect(defaultDataDir({})).toBe(join(homedir(), '.local', 'share', 'usp-console'));
    // The XDG spec says relative values are invalid and must be ignored.
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative/dir' })).toBe(join(homedir(), '.local', 'share', 'usp-console'));
    expect(databaseFile('/srv/data/usp-console')).toBe('/srv/data/usp-console/usp-console.db');
  });
});
