/**
 * Spherical Web Mercator (EPSG:3857) of a WGS84 point column by arithmetic in SQL: the same
 * metres ST_Transform gives, cheaper per row (no projection library call per point), and the
 * same arithmetic as core's `lngLatToMercator` (migrations 0016, 0018 and 0025 spell it out too).
 */
import { WEB_MERCATOR_R } from '@gridatlas/core';

/** The sphere's radius as an SQL float literal ('6378137.0'). */
const R = WEB_MERCATOR_R.toFixed(1);

/** Mercator x (metres) of `point` (an SQL expression of a geometry(Point, 4326)). */
export const mercatorX = (point: string): string => `${R} * radians(ST_X(${point}))`;

/** Mercator y (metres) of `point`. */
export const mercatorY = (point: string): string => `${R} * ln(tan(pi() / 4 + radians(ST_Y(${point})) / 2))`;
