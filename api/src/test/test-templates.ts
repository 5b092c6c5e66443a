/** Names of the template databases the global setup creates on the PostgreSQL cluster. */
export const PG_BARE_TEMPLATE = 'gridatlas_bare';
export const PG_SEEDED_TEMPLATE = 'gridatlas_seeded';
