import type { ConnectionProfile } from '../../../shared/model/settings';
import type { Db } from '../db';
import { parseJson } from './json';

/** Key/value settings (any JSON) and typed connection profiles. */
export class SettingsRepo {
  private readonly getSetting;
  private readonly putSetting;
  private readonly deleteSetting;
  private readonly putProfile;
  private readonly allProfiles;
  private readonly deleteProfile;

  constructor(db: Db) {
    this.getSetting = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?');
    this.putSetting = db.prepare<[string, string, number]>(
      'INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.deleteSetting = db.prepare<[string]>('DELETE FROM setting WHERE key = ?');
    this.putProfile = db.prepare<[string, string, string, string, number]>(
      `INSERT INTO connection_profile(id, kind, name, config, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, config = excluded.config, updated_at = excluded.updated_at`,
    );
    this.allProfiles = db.prepare<[], { config: string }>('SELECT config FROM connection_profile ORDER BY kind, name');
    this.deleteProfile = db.prepare<[string]>('DELETE FROM connection_profile WHERE id = ?');
  }

  get<T>(key: string, fallback: T): T {
    const r = this.getSetting.get(key);
    return r ? parseJson(r.value, fallback) : fallback;
  }

  set(key: string, value: unknown, at: number): void {
    this.putSetting.run(key, JSON.stringify(value), at);
  }

  remove(key: string): void {
    this.deleteSetting.run(key);
  }

  saveProfile(profile: ConnectionProfile, at: number): void {
    this.putProfile.run(profile.id, profile.kind, profile.name, JSON.stringify(profile), at);
  }

  profiles(): ConnectionProfile[] {
    return this.allProfiles.all().flatMap((r) => {
      const p = parseJson<ConnectionProfile | null>(r.config, null);
      return p ? [p] : [];
    });
  }

  removeProfile(id: string): boolean {
    return this.deleteProfile.run(id).changes > 0;
  }
}
