// Step 1 of the playbook: which relation (or which unfinished walk to resume), then whatever is
// still unknown about them: the four ambassador criteria, the NPS answer, a recent positive moment.
// Every answer is stored the moment it is given.
import { missingCriteria, type PlaybookState, resumeStep, type StepName, stepInfo } from '../../core/playbook.js';
import { parseNpsScore } from '../../core/nps.js';
import type { Relation } from '../../core/model.js';
import { getConnection, shortlistOf } from '../../db/repos/connections.js';
import { listProgress } from '../../db/repos/playbook.js';
import { getRelation, insertMoment, insertNps, insertRelation, listRelations, updateRelation } from '../../db/repos/relations.js';
import { byReadiness, printRelationLine, viewRelations } from '../relation/view.js';
import { pickOne } from '../pick-one.js';
import { validateWith, type Session } from './session.js';

export interface Start {
  relation: Relation;
  step: StepName;
  state: PlaybookState;
}

type StartChoice = { resume: Start } | { relation: Relation } | { add: true };

/** The first question: resume an unfinished walk (offered first), or pick a relation, most ready first. */
export async function chooseStart(s: Session): Promise<Start> {
  const { ctx, db, prompts } = s;
  const choices: Array<{ value: StartChoice; name: string; short: string; description?: string } | InstanceType<typeof prompts.Separator>> = [];
  for (const p of listProgress(db)) {
    const relation = getRelation(db, p.relationId)!;
    const shortlisted = shortlistOf(db, relation.id).length;
    const draftConnectionsGone = (p.state.connectionIds ?? []).some((id) => getConnection(db, id)?.relationId !== relation.id);
    const step = resumeStep(p, { shortlisted, draftConnectionsGone });
    const info = stepInfo(step);
    choices.push({ value: { resume: { relation, step, state: p.state } }, name: `Resume ${p.name} at step ${info.number}: ${info.title}`, short: p.name });
  }
  const relations = viewRelations(db, listRelations(db), ctx.now()).sort(byReadiness);
  if (choices.length && relations.length) choices.push(new prompts.Separator());
  for (const r of relations) {
    choices.push({
      value: { relation: r },
      name: `${r.name}${r.company ? ` (${r.company})` : ''} · readiness ${r.readiness.score}${r.readiness.askNow ? ' · ask now' : ''}`,
      short: r.name,
      description: r.readiness.reasons.join('; '),
    });
  }
  const picked = await pickOne<StartChoice>(ctx, prompts, {
    message: 'Whom do you walk through the playbook with? (most ready first)',
    pageSize: 12,
    choices,
    always: [{ value: { add: true }, name: 'Someone new: add a relation', short: 'new relation' }],
  });
  if ('resume' in picked) return picked.resume;
  if ('relation' in picked) return { relation: picked.relation, step: 'relation', state: {} };
  return { relation: await addRelation(s), step: 'relation', state: {} };
}

async function addRelation(s: Session): Promise<Relation> {
  const { ctx, db, prompts } = s;
  const c = ctx.promptContext;
  const name = (await ctx.ask(prompts.input({ message: 'Their name', required: true, validate: (v) => v.trim() !== '' || 'A name, please.' }, c))).trim();
  const company = (await ctx.ask(prompts.input({ message: 'Their company (optional)' }, c))).trim() || null;
  const id = insertRelation(db, { name, company }, ctx.now());
  ctx.print(`Added relation ${id} ${name}.`);
  return getRelation(db, id)!;
}

/** Asks what is not known yet about the relation, storing each answer at once; shows their readiness after. */
export async function relationStep(s: Session, relation: Relation): Promise<void> {
  const { ctx, db, prompts } = s;
  const c = ctx.promptContext;
  for (const criterion of missingCriteria(relation)) {
    const met = await ctx.ask(prompts.confirm({ message: `${relation.name} ${criterion.label}?` }, c));
    updateRelation(db, relation.id, { [criterion.key]: met }, ctx.now());
  }
  let [view] = viewRelations(db, [getRelation(db, relation.id)!], ctx.now());
  if (view!.nps === null) {
    const text = await ctx.ask(
      prompts.input(
        {
          message: `How likely is ${relation.name} to recommend you to a friend or colleague, 0-10? (Enter: not asked yet)`,
          validate: validateWith((v) => v.trim() === '' || parseNpsScore(v)),
        },
        c,
      ),
    );
    if (text.trim() !== '') insertNps(db, relation.id, parseNpsScore(text), ctx.now(), null, ctx.now());
  }
  const latest = view!.latestMoment;
  if (latest) ctx.print(ctx.style.dim(`Latest moment: "${latest.text}"`));
  const moment = (
    await ctx.ask(prompts.input({ message: `A recent positive moment with ${relation.name}, in their words (optional, Enter to skip)` }, c))
  ).trim();
  if (moment) insertMoment(db, relation.id, moment, 'feedback', ctx.now(), ctx.now());
  [view] = viewRelations(db, [getRelation(db, relation.id)!], ctx.now());
  printRelationLine(ctx, view!, 'Assessed');
}
