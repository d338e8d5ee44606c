import { Argument, Option, type Command } from 'commander';
import { ValidationError } from '../errors.js';
import { writePrivateFile } from '../files/private-files.js';
import type { ReportProgress } from '../reports/reports.service.js';
import { SITE_IDS } from '../site-id.js';
import type { CliIo } from './cli-io.js';
import { chosenSite, cliActor, withSite } from './open-site.js';
import { collectIds, newOutputFile, usageErrorOf } from './cli-options.js';

interface ReportOptions {
  site?: string;
  from: string;
  to: string;
  out: string;
  project?: string[];
  coc?: string;
  json?: boolean;
}

/** The option each parameter comes from, so a refusal names what to fix. */
const FIELD_OPTIONS: Record<string, string> = { kind: 'the report', from: '--from', to: '--to', projectIds: '--project', cocCode: '--coc' };

/** `hearth report`: a HUD report (APR, CAPER or Data Quality) of one site, as the zip Sage takes, into a private file. */
export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('compute a HUD report from live data (CoC APR, ESG CAPER or HMIS Data Quality) and write the zip of CSV tables Sage takes')
    .addArgument(new Argument('<kind>', 'apr, caper or dq').choices(['apr', 'caper', 'dq']))
    .addOption(new Option('--site <site>', 'the site to report on; required').choices(SITE_IDS))
    .requiredOption('--from <date>', 'report start date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'report end date, YYYY-MM-DD')
    .requiredOption('--out <file>', 'the zip file to write (a new file, readable by this account only)')
    .option('--project <ProjectID>', 'report on this project (repeat it, or separate ids with commas); default: every project', collectIds)
    .option('--coc <code>', 'only enrollments in this Continuum of Care, e.g. XX-501')
    .option('--json', 'print a summary as one JSON object on stdout')
    .addHelpText(
      'after',
      `
The report is kept like one run from the Reports page (listed there for administrators, with its tables and
drill-down), and recorded in the audit log. Progress goes to stderr. Works while the server runs.

Examples:
  $ hearth report apr --site live --from 2025-10-01 --to 2026-09-30 --project 3f2a… --out apr.zip
  $ hearth report dq --site live --from 2026-11-01 --to 2026-11-30 --out dq.zip --json`,
    )
    .action(async (kind: string, options: ReportOptions) => {
      const site = chosenSite(options.site);
      const out = newOutputFile(options.out);
      await withSite(site, async (services) => {
        const progress: ReportProgress = ({ done, total, question }) => {
          const line = `report: ${done} of ${total} tables${question ? `, now ${question}` : ', done'}`;
          io.err(process.stderr.isTTY ? `\r${line}\x1b[K${question ? '' : '\n'}` : `${line}\n`);
        };
        let outcome;
        try {
          const projectIds = options.project ?? (await services.reports.allProjectIds());
          outcome = await services.reports.runNow(cliActor(), { kind, from: options.from, to: options.to, projectIds, cocCode: options.coc ?? '' }, progress);
        } catch (error) {
          if (error instanceof ValidationError) throw usageErrorOf(error, FIELD_OPTIONS);
          throw error;
        }
        await writePrivateFile(out, outcome.zip, { exclusive: true });
        const { run, result } = outcome;
        const summary = { file: out, run: run.id, kind: run.params.kind, from: run.params.from, to: run.params.to, projects: run.params.projectIds.length, generator: result.generator, tables: result.tables.map((t) => t.question) };
        io.out(
          options.json
            ? `${JSON.stringify(summary)}\n`
            : `Wrote ${summary.tables.length} tables (${summary.tables.join(', ')}) of the ${kind.toUpperCase()} for ${summary.projects} projects (${summary.from} to ${summary.to}) to ${out}\nRun ${run.id}, ${result.generator}\n`,
        );
      });
    });
}
