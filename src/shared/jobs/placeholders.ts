// Per-agent placeholders in job values: `{serial}`, `{endpointId}`… `{{` and `}}` are literal braces.

export const PLACEHOLDERS = ['endpointId', 'serial', 'model', 'manufacturer', 'productClass', 'softwareVersion'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Readonly<Record<Placeholder, string | null>>;

export type ExpandResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

/** Placeholder names a template uses that do not exist (checked when a job file is validated). */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const m of template.matchAll(TOKEN)) {
    const name = m[1];
    if (name !== undefined && !(PLACEHOLDERS as readonly string[]).includes(name)) unknown.push(name);
  }
  return unknown;
}

export function expandPlaceholders(template: string, values: PlaceholderValues): ExpandResult {
  let missing: string | undefined;
  const value = template.replace(TOKEN, (token, name: string | undefined) => {
    if (name === undefined) return token[0]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      missing ??= `unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
      return token;
    }
    const v = values[name as Placeholder];
    if (v === null) {
      missing ??= `placeholder {${name}} has no value for this agent`;
      return token;
    }
    return v;
  });
  return missing ? { ok: false, message: missing } : { ok: true, value };
}
