import { describe, expect, it } from 'vitest';
import { finishOpenApiDocument, operationIdOf } from './openapi-document.js';

describe('operationIdOf', () => {
  it('names an operation by its method and path after /api, parameters as By<Name>', () => {
    expect(operationIdOf('get', '/api/plans/{id}/grids')).toBe('getPlansByIdGrids');
    expect(operationIdOf('post', '/api/auth/login')).toBe('postAuthLogin');
    expect(operationIdOf('get', '/api/tiles/incidents/{z}/{x}/{y}.mvt')).toBe('getTilesIncidentsByZByXByYMvt');
    expect(operationIdOf('put', '/api/analytics/special-groups/settings')).toBe('putAnalyticsSpecialGroupsSettings');
    expect(operationIdOf('delete', '/api/basemaps/files/{file_name}')).toBe('deleteBasemapsFilesByFileName');
  });
});

describe('finishOpenApiDocument', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/api/health': { get: { responses: { 200: { description: 'ok' } } } },
      '/api/plans/{id}': {
        get: {
          operationId: 'plan',
          parameters: [{ name: 'id', in: 'path' }],
          responses: { 200: { description: 'ok' }, 404: { description: 'none' } },
        },
        put: { requestBody: {}, responses: { 200: { description: 'ok' } } },
      },
    },
  };
  const out = finishOpenApiDocument(doc, { publicPaths: ['/api/health'] });

  it('names the server, keeps an operationId a route gave and adds the others', () => {
    expect((out as { servers?: unknown }).servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(out.paths['/api/plans/{id}'].get.operationId).toBe('plan');
    expect((out.paths['/api/plans/{id}'].put as { operationId?: string }).operationId).toBe('putPlansById');
  });

  it('adds the shared refusals a route does not list, and never overrides its own', () => {
    const codes = (op: { responses: object }): string[] => Object.keys(op.responses).sort();
    expect(codes(out.paths['/api/health'].get)).toEqual(['200', '413']);
    expect(codes(out.paths['/api/plans/{id}'].get)).toEqual(['200', '400', '401', '404', '413']);
    expect(codes(out.paths['/api/plans/{id}'].put)).toEqual(['200', '400', '401', '403', '413']);
    expect((out.paths['/api/plans/{id}'].get.responses as Record<string, unknown>)['404']).toEqual({ description: 'none' });
  });

  it('leaves the document it was given as it was', () => {
    expect(doc).not.toHaveProperty('servers');
    expect(Object.keys(doc.paths['/api/health'].get.responses)).toEqual(['200']);
  });
});
