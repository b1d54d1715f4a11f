import initial from './001_initial.js';
import referralAskKind from './002_referral_ask_kind.js';
import fit from './003_fit.js';
import team from './005_team.js';
import teamCacheIndex from './006_team_cache_index.js';
import lang from './004_lang.js';

/** Append-only: the migration at index i brings a database from user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = [initial, referralAskKind, fit, team, teamCacheIndex, lang];

export const SCHEMA_VERSION = MIGRATIONS.length;
