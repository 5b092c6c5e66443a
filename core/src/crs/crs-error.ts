/** A coordinate system that cannot be named or read: the message says what was given and what would work. */
export class CrsError extends Error {
  override readonly name = 'CrsError';
}
