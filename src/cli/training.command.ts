import { Option, type Command } from 'commander';
import { SITE_IDS, SITE_NAMES } from '../site-id.js';
import { LIVE_REFUSAL, type TrainingResetSummary } from '../training/training.service.js';
import { UsageError, type CliIo } from './cli-io.js';
import { cliActor, withSite } from './open-site.js';

interface ResetOptions {
  site: string;
  json?: boolean;
}

/** `hearth training reset`: refills the Training site with generated, fictitious data. */
export function registerTrainingCommands(program: Command, io: CliIo): void {
  const training = program.command('training').description('manage the Training site’s practice data');

  training
    .command('reset')
    .description('replace every client, enrollment, project and agency on the Training site with generated, fictitious data')
    .addOption(new Option('--site <site>', 'only "training" is accepted: the Live site never holds generated data').choices(SITE_IDS).default('training'))
    .addOption(new Option('--json', 'print the counts as one JSON object on stdout'))
    .addHelpText(
      'after',
      `
About 2,000 fictitious clients with households, enrollment histories and exits, 6 agencies and 15
projects, drawn from a fixed seed: the same data after every reset, dated relative to today. User
accounts stay, and so do their agency memberships (the generated agencies keep their ids). Everything
else trainees entered is deleted. Works while the server runs. Recorded in the audit log.

Examples:
  $ hearth training reset
  $ hearth training reset --json`,
    )
    .action(async (options: ResetOptions) => {
      // Refused before anything is opened: the Live site is never touched.
      if (options.site !== 'training') throw new UsageError(LIVE_REFUSAL);
      await withSite('training', async (services) => {
        const summary = await services.training.reset(cliActor());
        io.out(options.json ? `${JSON.stringify(summary)}\n` : describeReset(summary));
      });
    });
}

function describeReset(s: TrainingResetSummary): string {
  const n = (count: number) => count.toLocaleString('en-US');
  return (
    `Refilled the ${SITE_NAMES.training} with fictitious data: ${n(s.agencies)} agencies, ${n(s.projects)} projects, ` +
    `${n(s.clients)} clients in ${n(s.households)} households (${n(s.nearDuplicates)} near-duplicate records), ` +
    `${n(s.enrollments)} enrollments (${n(s.currentEnrollments)} current) and ${n(s.exits)} exits.\n` +
    `Kept ${n(s.usersKept)} user accounts and ${n(s.membershipsKept)} agency memberships` +
    (s.membershipsRemoved > 0 ? `; removed ${n(s.membershipsRemoved)} memberships of agencies that no longer exist.\n` : '.\n')
  );
}
