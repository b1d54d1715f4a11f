// What the property tests share: inputs a hostile or careless user could give, and the rule
// that such input ends in a result or a user error, never in another exception.
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { FailureError, UsageError } from '../../src/errors.js';

/**
 * Calls `fn`: a result, or undefined for a user error (exit 2) or a refused file (exit 1: not a list
 * of people); any other exception fails the property.
 */
export function resultOrUserError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UsageError || err instanceof FailureError || err instanceof InvalidArgumentError) return undefined;
    throw err;
  }
}

/** Any text: all of Unicode (lone surrogates included), control characters, or digits and signs. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -+.,eExX_\t\n\r\u00a0\u200f\u202e'.split('')), maxLength: 20 }),
);
