/** What every request handler can reach through `c.var`. */
import type { Db } from '../db/db.types.js';

export interface AppEnv {
  Variables: {
    db: Db;
  };
}
