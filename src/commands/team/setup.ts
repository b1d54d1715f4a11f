import type { Context } from '../../context.js';
import { FailureError } from '../../errors.js';
import { hostPort, newerServer, openClient, teamError, where } from '../../team/connect.js';
import { MEMBER_ROLE, setupSchema } from '../../team/schema.js';

/**
 * `refer team setup URL`: as the database's owner, creates or upgrades the team schema and the
 * group role refer_member. Safe to repeat; a server newer than this refer is left untouched.
 */
export default async function setup(ctx: Context, [text = '']: string[]): Promise<void> {
  const { url, client } = await openClient(text, ctx.env, { warn: (t) => ctx.warn(t) });
  let result;
  try {
    result = await setupSchema(client, newerServer);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message ?? '';
    if (code === '42501' && /create role/i.test(message)) {
      throw new FailureError(
        `${url.user} may not create the role ${MEMBER_ROLE} on ${hostPort(url)}: a superuser runs CREATE ROLE ${MEMBER_ROLE} NOLOGIN, then refer team setup again`,
      );
    }
    if (code === '42501') {
      throw new FailureError(`${url.user} may not create the team schema in ${where(url)}: run refer team setup as the database's owner (nothing was changed)`);
    }
    throw teamError(err, url);
  } finally {
    await client.end().catch(() => {});
  }
  if (ctx.json) {
    ctx.printJson({ url: url.url, schemaVersion: result.to, previousVersion: result.from, createdRole: result.createdRole });
    return;
  }
  const state =
    result.from === result.to
      ? `is up to date (schema ${result.to}); nothing to do`
      : result.from === 0
        ? `is set up (schema ${result.to})`
        : `is upgraded from schema ${result.from} to ${result.to}`;
  ctx.print(`The team database at ${where(url)} ${state}.`);
  if (result.from === 0) {
    ctx.info(`Next, for each rep, create a login role in ${MEMBER_ROLE} (as the owner or a superuser, in psql):`);
    ctx.info(`  CREATE ROLE ann LOGIN PASSWORD 'choose-one' IN ROLE ${MEMBER_ROLE};`);
    ctx.info(`then the rep runs: refer team join postgres://ann@${where(url)}`);
  }
}
