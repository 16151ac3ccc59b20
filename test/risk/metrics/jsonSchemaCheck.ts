/** A small JSON Schema checker for the keywords docs/metrics.schema.json uses (test helper, independent of src/). */
type Schema = Record<string, unknown>;

export function schemaErrors(root: Schema, value: unknown, schema: Schema = root, path = ''): string[] {
  if (typeof schema.$ref === 'string') {
    const def = (root.$defs as Record<string, Schema>)[schema.$ref.replace('#/$defs/', '')]!;
    return schemaErrors(root, value, def, path);
  }
  const errs: string[] = [];
  if ('const' in schema && value !== schema.const) errs.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.oneOf)) {
    const ok = (schema.oneOf as Schema[]).filter((s) => schemaErrors(root, value, s, path).length === 0).length;
    if (ok !== 1) errs.push(`${path}: matches ${ok} of oneOf`);
  }
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => schemaErrors(root, value, s, path).length === 0))
    errs.push(`${path}: matches none of anyOf`);
  const t = schema.type;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (t !== undefined && t !== kind && !(t === 'number' && kind === 'integer')) return [...errs, `${path}: ${kind} is not ${String(t)}`];
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) errs.push(`${path}: below minimum`);
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern).test(value))
    errs.push(`${path}: ${value} !~ ${schema.pattern}`);
  if (kind === 'array' && schema.items)
    for (const [i, x] of (value as unknown[]).entries()) errs.push(...schemaErrors(root, x, schema.items as Schema, `${path}/${i}`));
  if (kind === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) errs.push(...schemaErrors(root, v, props[k], `${path}/${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}: unexpected ${k}`);
      else if (typeof schema.additionalProperties === 'object')
        errs.push(...schemaErrors(root, v, schema.additionalProperties as Schema, `${path}/${k}`));
    }
  }
  return errs;
}
