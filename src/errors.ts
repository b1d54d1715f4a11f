// Typed errors. Only src/cli.ts turns them into a message on stderr and an exit code.

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  found: 3,
  cancelled: 130,
} as const;

/** What each exit code means, as the help and the man pages say it. */
export const EXIT_MEANINGS: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, 'ok'],
  [EXIT.failure, 'failure'],
  [EXIT.usage, 'usage error'],
  [EXIT.found, 'a check found something'],
  [EXIT.cancelled, 'cancelled'],
];

export class ReferError extends Error {
  readonly exitCode: number = EXIT.failure;
  /** Extra lines printed after the message (hints, candidates). */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Bad flag, bad value, unknown or ambiguous name: exit 2. */
export class UsageError extends ReferError {
  override readonly exitCode: number = EXIT.usage;
}

/** A named relation, connection, follow-up … does not exist: a usage error (exit 2). */
export class NotFoundError extends UsageError {}

/** I/O, database or environment failure: exit 1. */
export class FailureError extends ReferError {
  override readonly exitCode: number = EXIT.failure;
}

/** The user pressed Ctrl-C or declined to go on: exit 130. */
export class CancelError extends ReferError {
  override readonly exitCode: number = EXIT.cancelled;
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** A check (lint, followup --check) found something: exit 3, the findings are already printed. */
export class FoundError extends ReferError {
  override readonly exitCode: number = EXIT.found;
}
