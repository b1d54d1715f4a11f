import { profileForScript } from '../../src/core/texts.js';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/core/model.js';
import { Scripts, SkeletonRenderer } from '../../src/demo/scripts.js';
import { DEMO_PROFILE } from '../../src/demo/people.js';
import { defaultTemplateDirs, getTemplate, listTemplates, renderAsk, renderTemplate } from '../../src/templates/load.js';
import { buildTemplateVars, type TemplateInput } from '../../src/templates/variables.js';

const dirs = { builtinDir: defaultTemplateDirs({}).builtinDir };
const profile = { name: 'Eva Jansen', company: 'Routewise', offer: 'route planning software', value: 'fewer empty kilometres' };
const people = [
  { name: 'Pieter de Groot', title: 'COO', company: 'De Groot Logistiek' },
  { name: 'Ayşe Kaya', title: null, company: 'Kaya Transport BV' },
  { name: 'Wei Chen', title: 'Fleet Manager', company: null },
  { name: "Joost van 't Hof", title: 'CEO', company: 'Hof Distributie' },
];

/** Inputs that differ in every way a template can branch on: moment, company, one or several connections, missing fields. */
const inputs: TemplateInput[] = LANGS.flatMap((lang) => [
  { lang, profile, relation: { name: 'Sanne Visser', company: 'Visser Transport' }, connections: people.slice(0, 1), followUpAt: new Date(2026, 10, 26, 10, 0) },
  {
    lang,
    profile: { ...profile, company: null },
    relation: { name: 'Tom Peeters' },
    moment: { text: 'Our drivers get home on time', occurredAt: '2026-11-20T09:00:00Z' },
    connections: people,
    referee: people[1],
    followUpAt: new Date(2026, 11, 1, 0, 0),
    followUpMinutes: 30,
    forwardMessage: 'Eva offers route planning.\nClients drive fewer empty kilometres.',
  },
  {
    lang,
    profile,
    relation: { name: 'Mehmet Yılmaz', company: 'Yılmaz Logistiek BV' },
    moment: { text: '“Mijn planner vindt zijn werk weer leuk!”', occurredAt: '2026-11-14T15:00:00Z' },
    connections: people.slice(1, 3),
    followUpAt: new Date(2026, 10, 24, 14, 0),
  },
]);

describe('SkeletonRenderer', () => {
  it('gives exactly what renderTemplate gives, for every built-in template and every shape of variables', () => {
    const renderer = new SkeletonRenderer();
    for (const info of listTemplates(dirs)) {
      const template = getTemplate(info.name, dirs);
      for (const input of inputs) {
        const vars = buildTemplateVars(input);
        expect(renderer.render(template, vars), `${info.name} for ${input.relation.name}`).toBe(renderTemplate(template, vars));
      }
    }
  });

  it('reuses a skeleton for the same shape with other texts, without mixing them up', () => {
    const renderer = new SkeletonRenderer();
    const template = getTemplate('referral/email.en', dirs);
    const a = buildTemplateVars(inputs[0]!);
    const b = buildTemplateVars({ ...inputs[0]!, relation: { name: 'Lotte Bos', company: 'Bos Fresh Foods' }, connections: [people[3]!] });
    expect(renderer.render(template, a)).toBe(renderTemplate(template, a));
    const second = renderer.render(template, b);
    expect(second).toBe(renderTemplate(template, b));
    expect(second).toContain("Joost van 't Hof");
    expect(second).not.toContain('Pieter de Groot');
  });
});

describe('Scripts', () => {
  it('renders an ask as refer ask does: the same script and forward message as renderAsk', () => {
    const scripts = new Scripts(dirs, DEMO_PROFILE);
    for (const input of inputs) {
      for (const [kind, channel] of [['referral', 'call'], ['referral', 'linkedin'], ['quote', 'email'], ['beta', 'linkedin']] as const) {
        const moment = input.moment ? { text: input.moment.text, occurredAt: new Date(input.moment.occurredAt) } : null;
        const ours = scripts.render(
          { kind, channel, lang: input.lang },
          { relation: { name: input.relation.name, company: input.relation.company ?? null }, moment, connections: input.connections!, followUpAt: input.followUpAt, minutes: 15 },
        );
        const theirs = renderAsk(
          { kind, channel, lang: input.lang },
          { profile: profileForScript(DEMO_PROFILE, input.lang).profile, relation: input.relation, moment, connections: input.connections, followUpAt: input.followUpAt, followUpMinutes: 15 },
          dirs,
        );
        expect(ours).toEqual({ template: theirs.template.name, script: theirs.script, forward: theirs.forward });
      }
    }
  });
});
