/**
 * The vector tiles' contract: a tile address. The tile itself is binary (Mapbox Vector Tile,
 * layer and properties in docs/analytics-contract.md); its filters are the incidents' query
 * (analytics/incidents-filter.ts). Named so clients take their types from here (../contract.ts).
 */
import { z } from '@hono/zod-openapi';

const tileIndex = (name: string) =>
  z
    .string()
    .regex(/^\d{1,8}$/, { error: `expected a tile ${name} (a whole number)` })
    .transform(Number)
    .openapi({ param: { name, in: 'path' }, type: 'string', example: name === 'z' ? '14' : '0' });

/** A tile address `{z}/{x}/{y}` as path parameters: whole numbers, given as text. */
export const TileParams = z.object({ z: tileIndex('z'), x: tileIndex('x'), y: tileIndex('y') });

export type TileAddress = z.infer<typeof TileParams>;
