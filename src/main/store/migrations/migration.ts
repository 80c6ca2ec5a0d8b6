import type { Db } from '../database';

/**
 * A numbered schema step. Append-only: once released, a migration is never
 * edited or removed; a change is a new migration with the next id.
 */
export interface Migration {
  id: number;
  name: string;
  up(db: Db): void;
}
