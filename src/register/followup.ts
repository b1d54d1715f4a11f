import { type Command, Option } from 'commander';
import { PATH_STAGES, STAGES } from '../core/model.js';
import { choice, examples, intInRange, lazy, type MakeContext, nonNegativeNumber } from './util.js';

export function registerFollowup(program: Command, make: MakeContext, deep = true): void {
  const followup = examples(
    program
      .command('followup')
      .description('step 4: the 15-minute follow-ups; without a subcommand, what is overdue and due today, oldest first')
      .addOption(new Option('--upcoming <days>', 'also what is due in the next DAYS days').argParser(intInRange(0, 3650)).conflicts(['on', 'all']))
      .addOption(new Option('--on <date>', 'what is due on one day: 2026-12-01, "tomorrow", "friday"').conflicts(['all']))
      .option('--all', 'every open follow-up')
      .option('--check', 'exit 3 when a follow-up is overdue (for a shell prompt or cron)')
      .action(lazy(make, () => import('../commands/followup/index.js'))),
    ['refer followup', 'refer followup --upcoming 7', 'refer followup --on tomorrow --json', 'refer followup --check >/dev/null || echo "a follow-up is overdue"'],
  );
  if (deep) followupCommands(followup, make);

  examples(
    program
      .command('outcome')
      .description(`record what became of a referral: ${PATH_STAGES.join(' → ')}, or declined (after asked) / lost (after agreed); stages may be skipped`)
      .argument('[referral]', 'referral id (`refer relation show REL` lists them); with --ask leave it out')
      .argument('[stage]', STAGES.join(', '))
      .option('--ask <id>', 'move every referral of this ask, in one go')
      .option('--date <date>', 'when it happened (default: now; not in the future, not before the last change)')
      .addOption(new Option('--value <amount>', 'the deal value, 0 or more').argParser(nonNegativeNumber))
      .option('--note <text>', 'a note kept with this change')
      .option('--force', 'allow going back, or reopening a won, lost or declined referral')
      .action(lazy(make, () => import('../commands/outcome.js'))),
    ['refer outcome 12 introduced', 'refer outcome 9 won --value 12000 --date yesterday', 'refer outcome --ask 7 agreed --note "Mention my name: fine"', 'refer outcome 7 meeting --force'],
  );
}

function followupCommands(followup: Command, make: MakeContext): void {
  examples(
    followup
      .command('add')
      .description('book a follow-up with a relation by hand (an ask books its own)')
      .argument('<rel>', 'relation id or name')
      .argument('<when>', '"tomorrow 10:00", "in 3 days", "next tuesday", 2026-12-01T10:00')
      .addOption(new Option('--minutes <n>', 'how long, 1 to 480').argParser(intInRange(1, 480)).default(15))
      .option('--note <text>', 'the agenda: what to ask or bring up')
      .action(lazy(make, () => import('../commands/followup/add.js'))),
    ['refer followup add "Sanne Visser" "next tuesday 10:00" --note "Did Pieter reply?"', 'refer followup add 3 "in 2 weeks" --minutes 30'],
  );
  examples(
    followup
      .command('done')
      .description('mark a follow-up done; --outcome (or the question on a terminal) moves the referrals of its ask')
      .argument('<id>', 'follow-up id')
      .option('--note <text>', 'what came out of it')
      .addOption(choice('--outcome <stage>', "move every referral of the follow-up's ask to this stage", STAGES))
      .option('--force', 'with --outcome: allow going back, or reopening a won, lost or declined referral')
      .action(lazy(make, () => import('../commands/followup/done.js'))),
    ['refer followup done 7', 'refer followup done 7 --outcome agreed --note "He will mention us to Shanti this week"'],
  );
  examples(
    followup
      .command('snooze')
      .description('move an open follow-up to a later moment')
      .argument('<id>', 'follow-up id')
      .argument('<when>', '"tomorrow", "in 2 days", "friday 14:00", 2026-12-01T10:00')
      .action(lazy(make, () => import('../commands/followup/snooze.js'))),
    ['refer followup snooze 7 "next monday 9:30"', 'refer followup snooze 7 tomorrow'],
  );
  examples(
    followup
      .command('ics')
      .description('the follow-ups as an RFC 5545 calendar (all open ones without IDs); re-importing updates the same events')
      .argument('[ids...]', 'follow-up ids')
      .option('-o, --output <file>', 'write to FILE (mode 0600) instead of standard output')
      .action(lazy(make, () => import('../commands/followup/ics.js'))),
    ['refer followup ics -o ~/followups.ics', 'refer followup ics 4 5 > call.ics'],
  );
}
