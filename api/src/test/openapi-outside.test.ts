/**
 * The published OpenAPI document holds up outside GridAtlas: Redocly's recommended rules find
 * nothing, and TypeScript types generated from it by openapi-typescript compile with a client
 * that uses them. The document is the same on both databases (it is built from the routes), so
 * this runs on the embedded one.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './test-app.js';

describe('the published OpenAPI document', () => {
  const ctx = useTestApp('embedded');

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const { status, body } = await ctx.get<Record<string, unknown>>('/api/openapi.json');
    expect(status).toBe(200);
    // GridAtlas publishes no licence (the workspace is private): the only rule turned off.
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(body), absoluteRef: '/api/openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`)).toEqual([]);
  });

  it('generates TypeScript types with openapi-typescript that a typed client compiles against', async () => {
    const { body } = await ctx.get<Record<string, unknown>>('/api/openapi.json');
    const types = astToString(await openapiTS(body as never));
    expect(types).toContain('putPlansByIdGrids');
    // A client written against the generated types: a wrong path, method or field fails to compile.
    const client = `
      ${types}
      type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
      declare function call<P extends keyof paths, M extends keyof paths[P]>(path: P, method: M): Promise<Json<paths[P][M]>>;
      export async function use(): Promise<string> {
        const me = await call('/api/auth/me', 'get');
        const health = await call('/api/health', 'get');
        const op: operations['putPlansByIdGrids'] | undefined = undefined;
        return String(me) + String(health) + String(op);
      }
    `;
    const wrong = client.replace("'/api/auth/me'", "'/api/auth/not-a-route'");
    expect(diagnostics(client)).toEqual([]);
    expect(diagnostics(wrong).length).toBeGreaterThan(0);
  });
});

/** Type errors of one in-memory module compiled strictly, as messages. */
function diagnostics(source: string): string[] {
  const name = '/virtual/client.ts';
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (file === name ? ts.createSourceFile(file, source, lang) : read(file, lang, ...rest));
  host.fileExists = (
    (exists) => (file: string) =>
      file === name || exists(file)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([name], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
