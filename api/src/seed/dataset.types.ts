/** The generator's dataset types, in one place for the seeder and the test fixture. */
export type * from '@gridatlas/data';
