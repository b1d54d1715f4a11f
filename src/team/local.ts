// What the team commands share that needs no server.

import { UsageError } from '../errors.js';

/** Not in a team: a usage error (exit 2) naming the command that joins one. */
export function notInTeam(): UsageError {
  return new UsageError('not in a team: run refer team join URL first');
}
