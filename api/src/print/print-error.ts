/** Why a print failed, in words an operator can act on. */
export type PrintErrorReason = 'chromium_missing' | 'timeout' | 'render_failed';

export class PrintError extends Error {
  constructor(
    readonly reason: PrintErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}
