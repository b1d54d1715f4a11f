// Ask scripts for the demo, from the real templates and the real template variables, fast enough
// for a hundred thousand asks. Mustache is the slow part, so each template is rendered once per
// shape of its variables (which parts are present, how many connections, the numbers and flags)
// with numbered markers in place of the texts; each ask then fills its own texts into that
// skeleton. The result is the same text renderTemplate gives (test/demo/scripts.test.ts checks).

import type { AskKind, Channel, Lang, Profile } from '../core/model.js';
import { profileForScript } from '../core/texts.js';
import { findTemplate, renderTemplate, type Template, type TemplateDirs } from '../templates/load.js';
import { buildTemplateVars, type PersonInput, type TemplateVars } from '../templates/variables.js';

const MARK = /\u0001(\d+)\u0001/g;

/**
 * The shape of a value, for the cache key; its non-empty texts are pushed onto `texts`. An empty
 * text is part of the shape, not a text: it makes a section false.
 */
function shapeOf(value: unknown, texts: string[]): string {
  if (typeof value === 'string') {
    if (value === '') return '""';
    texts.push(value);
    return 's';
  }
  if (Array.isArray(value)) return `[${value.map((v) => shapeOf(v, texts)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}:${shapeOf(v, texts)}`)
      .join(',')}}`;
  }
  return String(value);
}

/** The same value with every non-empty text replaced by the next marker, in shapeOf's order. */
function marked(value: unknown, next: () => string): unknown {
  if (typeof value === 'string') return value === '' ? value : next();
  if (Array.isArray(value)) return value.map((v) => marked(v, next));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marked(v, next)]));
  return value;
}

/** renderTemplate, with one Mustache run per template and shape of variables. */
export class SkeletonRenderer {
  private readonly skeletons = new Map<string, string>();

  render(template: Template, vars: TemplateVars): string {
    const texts: string[] = [];
    const key = `${template.name}\u0000${shapeOf(vars, texts)}`;
    let skeleton = this.skeletons.get(key);
    if (skeleton === undefined) {
      let n = 0;
      skeleton = renderTemplate(template, marked(vars, () => `\u0001${n++}\u0001`) as TemplateVars);
      this.skeletons.set(key, skeleton);
    }
    return skeleton.replace(MARK, (_, i: string) => texts[Number(i)]!);
  }
}

export interface AskInput {
  relation: { name: string; company: string | null };
  moment: { text: string; occurredAt: Date } | null;
  connections: PersonInput[];
  followUpAt: Date;
  minutes: number;
}

/** The script of an ask as `refer ask` renders it: for a referral, the forwardable message inside. */
export class Scripts {
  private readonly templates = new Map<string, Template>();
  private readonly renderer = new SkeletonRenderer();

  constructor(
    private readonly dirs: TemplateDirs,
    private readonly profile: Profile,
  ) {}

  private template(kind: Template['kind'], channel: Template['channel'], lang: Lang): Template {
    const key = `${kind}/${channel}.${lang}`;
    let t = this.templates.get(key);
    if (!t) {
      t = findTemplate({ kind, channel, lang }, this.dirs);
      this.templates.set(key, t);
    }
    return t;
  }

  render(sel: { kind: AskKind; channel: Channel; lang: Lang }, input: AskInput): { template: string; script: string; forward: string | null } {
    const template = this.template(sel.kind, sel.channel, sel.lang);
    const vars = buildTemplateVars({
      lang: sel.lang,
      profile: profileForScript(this.profile, sel.lang).profile,
      relation: input.relation,
      moment: input.moment,
      connections: input.connections,
      followUpAt: input.followUpAt,
      followUpMinutes: input.minutes,
    });
    const forward = sel.kind === 'referral' ? this.renderer.render(this.template('forward', 'message', sel.lang), vars) : null;
    const script = this.renderer.render(template, forward ? { ...vars, forwardMessage: forward } : vars);
    return { template: template.name, script, forward };
  }
}
