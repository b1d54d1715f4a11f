import { type Command, Option } from 'commander';
import { ASK_KINDS, CHANNELS } from '../core/model.js';
import { choice, examples, lazy, type MakeContext } from './util.js';

export function registerAsk(program: Command, make: MakeContext, deep = true): void {
  examples(
    program
      .command('ask')
      .description('step 3: draft a value-focused ask, store it with a snapshot of the script, book the 15-minute follow-up')
      .argument('[rel]', 'relation id or name (on a terminal, leave it out to choose step by step)')
      .option('--to <conn...>', 'connection ids or names to ask about (default: the shortlist of `refer connection pick`)')
      .addOption(choice('--channel <channel>', 'how you ask (default: email, or the channel of --template)', CHANNELS))
      .addOption(choice('--kind <kind>', 'what you ask for: the referral, or a smaller ask first (default: referral)', ASK_KINDS))
      .option('--template <name>', 'a template by name, e.g. referral/call.nl (see `refer templates list`)')
      .option('--follow-up <when>', 'when to come back: "in 3 days", "next tuesday 10:00", 2026-12-01T10:00 (default: 3 days later, a working day, 10:00)')
      .option('--date <date>', 'record an ask you made earlier (not in the future); the default follow-up counts from it')
      .option('--dry-run', 'show the script and the warnings, store nothing')
      .addOption(new Option('--copy [text]', 'also put the script (default) or the message to forward on the clipboard').choices(['script', 'forward']).preset('script'))
      .option('--eml <file>', 'also write the e-mail as an unsent draft (.eml) that a mail client opens')
      .option('--open', "also open it: e-mail, a draft in your mail client; LinkedIn, the relation's profile")
      .action(lazy(make, () => import('../commands/ask.js'))),
    [
      'refer ask',
      'refer ask "Sanne Visser" --channel email',
      'refer ask 1 --to 12 14 15 --channel call --follow-up "next tuesday 10:00"',
      'refer ask 3 --kind quote --channel linkedin --lang nl --dry-run',
      'refer ask 1 --channel call --date yesterday --json',
      'refer ask 1 --channel email --copy --eml ask.eml',
    ],
  );

  examples(
    program
      .command('lint')
      .description('check a draft ask for me-centred wording, requests for contact details, a missing referee or value, and length')
      .argument('[file]', 'the draft; "-" or nothing reads standard input')
      .addOption(choice('--channel <channel>', 'the channel it is for (a LinkedIn message has a length limit)', CHANNELS))
      .option('--referee <names...>', 'the people the draft is about: checks that it names one of them')
      .action(lazy(make, () => import('../commands/lint.js'))),
    ['refer lint draft.txt --channel linkedin --referee "Pieter de Groot"', 'refer lint --lang nl < draft.txt', 'refer lint draft.txt --json'],
  );

  const templates = program.command('templates').description('the ask scripts: built-in ones and your own (which override them)');
  if (deep) templatesCommands(templates, make);
}

function templatesCommands(templates: Command, make: MakeContext): void {
  examples(
    templates
      .command('list')
      .description('every template: name, kind, channel, language, source and description')
      .action(lazy(make, () => import('../commands/templates/list.js'))),
    ['refer templates list', 'refer templates list --json'],
  );
  examples(
    templates
      .command('show')
      .description('one template as a file (front matter and body), and the variables a template may use')
      .argument('<name>', 'e.g. referral/email.en, or referral/email for your language')
      .action(lazy(make, () => import('../commands/templates/show.js'))),
    [
      'refer templates show referral/email.en',
      // not `> "$(refer templates path)/referral/email.en.md"`: the shell makes that file, empty, before refer reads the templates
      'refer templates show referral/email.en > email.en.md && mkdir -p "$(refer templates path)/referral" && mv email.en.md "$(refer templates path)/referral/"',
    ],
  );
  examples(
    templates
      .command('path')
      .description('the folder for your own templates (nothing is created)')
      .action(lazy(make, () => import('../commands/templates/path.js'))),
    ['refer templates path', 'refer templates path --json'],
  );
}
