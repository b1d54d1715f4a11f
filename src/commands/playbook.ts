// `refer playbook`: one guided session through the four steps for one relation, on a terminal.
// Each answer is stored as it is given; the progress row remembers the step, so a session left
// with Ctrl-C resumes there. The ask itself is stored in one transaction at the very end.
import type { Context } from '../context.js';
import { type PlaybookState, stepInfo, type StepName } from '../core/playbook.js';
import type { Relation } from '../core/model.js';
import { getProfile } from '../db/repos/profile.js';
import { getProgress, saveProgress } from '../db/repos/playbook.js';
import { CancelError, UsageError } from '../errors.js';
import { defaultTemplateDirs } from '../templates/load.js';
import { assertProfileReady, fixSelection } from './ask/draft.js';
import { acceptedFromState, askStep, followupStep } from './playbook/ask.js';
import { connectionsStep } from './playbook/connections.js';
import { chooseStart, relationStep } from './playbook/relation.js';
import { announce, type Session } from './playbook/session.js';

export default async function playbook(ctx: Context): Promise<void> {
  if (!ctx.canPrompt) {
    throw new UsageError('`refer playbook` asks its questions on a terminal (there is none here, or --no-input or --json was given); each step has its own command:', [
      '1  refer relation add NAME --knows-audience --seller --sees-value --experienced-value  (or refer relation edit REL …);',
      '   refer nps REL SCORE; refer moment REL TEXT',
      '2  refer connection import REL FILE; refer connection pick REL ID...',
      '3  refer ask REL --channel email  (it stores the ask and books the follow-up)',
      '4  refer followup add REL WHEN',
    ]);
  }
  const db = await ctx.db();
  const profile = getProfile(db);
  assertProfileReady(profile);
  const dirs = defaultTemplateDirs(ctx.env);
  const { lang } = fixSelection({}, { flag: ctx.langFlag, fallback: profile.lang }, dirs);
  const s: Session = { ctx, db, prompts: await ctx.prompts('a terminal'), profile, dirs, lang };

  ctx.print(ctx.style.bold('The referral playbook') + ctx.style.dim(' · one relation, four steps. What you answer is saved at once; Ctrl-C stops, and `refer playbook` resumes.'));
  announce(s, 'relation');
  const start = await chooseStart(s);
  try {
    await walk(s, start.relation, start.step, start.state);
  } catch (err) {
    if (err instanceof CancelError && err.message === new CancelError().message) {
      const left = getProgress(db, start.relation.id);
      if (left) throw new CancelError(`Cancelled. What you answered is saved; \`refer playbook\` resumes ${start.relation.name} at step ${stepInfo(left.step as StepName).number}.`);
    }
    throw err;
  }
}

async function walk(s: Session, relation: Relation, from: StepName, state: PlaybookState): Promise<void> {
  const { ctx, db } = s;
  const save = (step: StepName, st: PlaybookState = {}) => saveProgress(db, relation.id, step, st, ctx.now());
  let step = from;
  // a draft accepted in an earlier session is shown again before it is stored
  const resumedDraft = step === 'followup';
  let accepted = resumedDraft ? acceptedFromState(s, state as Required<PlaybookState>) : null;
  if (from !== 'relation') ctx.print(`Resuming ${relation.name} at step ${stepInfo(step).number}.`);
  if (step === 'relation') {
    save('relation');
    await relationStep(s, relation);
    step = 'connections';
    save(step);
  }
  if (step === 'connections') {
    announce(s, step, relation.name);
    await connectionsStep(s, relation);
    step = 'ask';
    save(step);
  }
  if (step === 'ask') {
    announce(s, step, relation.name);
    accepted = await askStep(s, relation, state);
    save('followup', { kind: accepted.kind, channel: accepted.channel, connectionIds: accepted.connections.map((c) => c.id) });
  }
  announce(s, 'followup', relation.name);
  await followupStep(s, relation, accepted!, { showDraft: resumedDraft });
}
