// The last question of an interactive ask (and of the playbook's step 4): take the ask out of
// the terminal. The outputs themselves are in src/output/send.ts, as for the flags.
import type { Context } from '../../context.js';
import { type AskOut, checkEmlPath, type OutgoingAsk, sendAskOut } from '../../output/send.js';
import type { Draft } from './draft.js';

export function outgoing(draft: Draft): OutgoingAsk {
  const { id, name, email, linkedin } = draft.relation;
  return { relation: { id, name, email, linkedin }, channel: draft.channel, script: draft.script, forward: draft.forward, date: draft.askedAt };
}

type Pick = 'copy-script' | 'copy-forward' | 'open' | 'eml' | 'none';

/** Offers copying, opening or writing the ask; does what the rep picks. */
export async function offerAskOut(ctx: Context, draft: Draft): Promise<void> {
  const prompts = await ctx.prompts('--copy, --open or --eml');
  const choices: Array<{ value: Pick; name: string }> = [{ value: 'copy-script', name: 'Copy the script to the clipboard' }];
  if (draft.forward) choices.push({ value: 'copy-forward', name: 'Copy the message to forward' });
  if (draft.channel === 'email') choices.push({ value: 'open', name: 'Open a draft in your mail client' });
  if (draft.channel === 'linkedin' && draft.relation.linkedin) choices.push({ value: 'open', name: `Open ${draft.relation.name}'s LinkedIn profile` });
  if (draft.channel === 'email') choices.push({ value: 'eml', name: 'Write it to a file (an .eml draft your mail client opens)' });
  choices.push({ value: 'none', name: 'Nothing: I take it from here' });
  const pick = await ctx.ask(prompts.select<Pick>({ message: 'Take the ask out of the terminal?', choices }, ctx.promptContext));
  const want: AskOut = {};
  if (pick === 'copy-script') want.copy = 'script';
  if (pick === 'copy-forward') want.copy = 'forward';
  if (pick === 'open') want.open = true;
  if (pick === 'eml') {
    const file = await ctx.ask(
      prompts.input(
        {
          message: 'File to write',
          default: `ask-${draft.relation.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}.eml`,
          validate: (v) => {
            try {
              checkEmlPath(v.trim());
              return true;
            } catch (err) {
              return (err as Error).message;
            }
          },
        },
        ctx.promptContext,
      ),
    );
    want.eml = file.trim().replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~');
  }
  if (pick !== 'none') await sendAskOut(ctx, outgoing(draft), want);
}
