/**
 * Security headers on every response. The CSP allows what the map needs: MapLibre runs its
 * worker from a blob: URL, and tiles and sprites arrive as data:/blob: images; styles are
 * set inline by MapLibre and deck.gl; WebAssembly (terra-draw/deck.gl helpers) needs
 * 'wasm-unsafe-eval'. Nothing is loaded from other origins but Tianditu's tile hosts, for a
 * district whose admin configured Tianditu as a basemap (MapLibre fetches raster tiles).
 */
import type { MiddlewareHandler } from 'hono';

const TIANDITU_TILES = 'https://*.tianditu.gov.cn';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src blob: 'self'",
  `img-src 'self' data: blob: ${TIANDITU_TILES}`,
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  `connect-src 'self' ${TIANDITU_TILES}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Frame-Options', 'DENY');
  };
}
