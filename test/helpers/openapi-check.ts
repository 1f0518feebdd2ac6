/**
 * Checks a live API response against the app's own OpenAPI document: the path and method must be
 * documented, the status listed for that operation, the media type right and the body valid
 * against the schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). Written for these tests.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Doc = { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Response>; schemas: Record<string, unknown> } };
type Response = { $ref?: string; description?: string; content?: Record<string, { schema?: unknown }> };
type Operation = { responses: Record<string, Response> };

export interface LiveResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

export interface Checker {
  /** Problems with this response ([] when it matches the document); null when the path is not an API route. */
  check(r: LiveResponse): string[] | null;
}

function templateRegex(p: string): RegExp {
  return new RegExp('^' + p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
}

export function openApiChecker(doc: Doc): Checker {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validators = new Map<unknown, ValidateFunction>();
  const templates = Object.keys(doc.paths)
    .map((p) => ({ p, re: templateRegex(p), params: (p.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params); // a literal segment wins over a parameter (/deliveries/dead before /deliveries/{id})
  const resolve = (r: Response): Response => (r.$ref ? doc.components.responses[r.$ref.split('/').pop()!] : r);
  const schemaOf = (s: unknown): unknown => {
    const ref = (s as { $ref?: string } | undefined)?.$ref;
    return ref ? doc.components.schemas[ref.split('/').pop()!] : s;
  };
  return {
    check(r) {
      const t = templates.find((x) => x.re.test(r.path));
      if (!t) return null;
      const op = doc.paths[t.p][r.method.toLowerCase()];
      if (!op) return [`${r.method} ${t.p} is not documented`];
      const documented = op.responses[String(r.status)];
      if (!documented) return [`status ${r.status} is not documented for ${r.method} ${t.p} (documented: ${Object.keys(op.responses).join(', ')})`];
      const resp = resolve(documented);
      const media = Object.keys(resp.content ?? {});
      const type = r.contentType.split(';')[0].trim();
      if (!media.includes(type)) return [`content type ${type || '(none)'} is not documented for ${r.method} ${t.p} ${r.status} (documented: ${media.join(', ')})`];
      if (type !== 'application/json') return [];
      let body: unknown;
      try {
        body = JSON.parse(r.body);
      } catch {
        return [`body is not JSON: ${r.body.slice(0, 80)}`];
      }
      const schema = schemaOf(resp.content![type].schema);
      let v = validators.get(schema);
      if (!v) validators.set(schema, (v = ajv.compile(schema as object)));
      if (v(body)) return [];
      return (v.errors ?? []).slice(0, 5).map((e) => `${r.method} ${t.p} ${r.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
}
