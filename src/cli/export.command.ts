import { Option, type Command } from 'commander';
import { ValidationError } from '../errors.js';
import { EXPORT_PERIOD_TYPES, type ExportPeriodType, type HudExportRequest, type HudExportSummary } from '../exchange/hud-csv-export.model.js';
import type { CliIo } from './cli-io.js';
import { SITE_IDS } from '../site-id.js';
import { chosenSite, cliActor, withSite } from './open-site.js';
import { collectIds, newOutputFile, usageErrorOf } from './cli-options.js';

interface ExportOptions {
  site?: string;
  from: string;
  to: string;
  out: string;
  project?: string[];
  coc?: string;
  periodType?: string;
  directive: 'full' | 'delta';
  hash?: boolean;
  json?: boolean;
}

/** The option each request field comes from, so a refusal names what to fix. */
const FIELD_OPTIONS: Record<string, string> = { from: '--from', to: '--to', projectIds: '--project', cocCode: '--coc', periodType: '--period-type' };

/** `hearth export`: a HUD HMIS CSV FY2026 export of one site into a private zip file. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('export HUD HMIS CSV (FY2026): the 24 files in one zip, for HUD’s tools, a data warehouse or another HMIS')
    .addOption(new Option('--site <site>', 'the site to export; required').choices(SITE_IDS))
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .requiredOption('--out <file>', 'the zip file to write (a new file, readable by this account only)')
    .option('--project <ProjectID>', 'export only this project (repeat it, or separate ids with commas)', collectIds)
    .option('--coc <code>', 'export only projects of this Continuum of Care, e.g. XX-501')
    .addOption(new Option('--period-type <type>', 'ExportPeriodType: 1 updated, 3 reporting period, 4 other (default: 3, or 1 for a delta)').choices(EXPORT_PERIOD_TYPES.map(String)))
    .addOption(new Option('--directive <directive>', 'full: everything active in the period; delta: what changed in it, deleted rows included').choices(['full', 'delta']).default('full'))
    .option('--hash', 'hash names and SSNs as HUD asks for an upload to HUD (HashStatus 4, SHA-256)')
    .option('--json', 'print a summary as one JSON object on stdout')
    .addHelpText(
      'after',
      `
The export covers the enrollments active in the period (entered by its end and not exited before its
start) in the projects chosen, or in every project, with their clients, exits, projects, agencies, project
set-up records and the users who entered them. Works while the server runs. Recorded in the audit log.

Examples:
  $ hearth export --site live --from 2025-10-01 --to 2026-09-30 --out fy2026.zip
  $ hearth export --site live --from 2025-10-01 --to 2026-09-30 --coc XX-501 --hash --out hud-upload.zip
  $ hearth export --site live --from 2026-11-01 --to 2026-11-30 --directive delta --out november.zip --json`,
    )
    .action(async (options: ExportOptions) => {
      const site = chosenSite(options.site);
      const out = newOutputFile(options.out);
      const request: HudExportRequest = {
        from: options.from,
        to: options.to,
        projectIds: options.project ?? [],
        cocCode: options.coc ?? null,
        periodType: options.periodType ? (Number(options.periodType) as ExportPeriodType) : null,
        directive: options.directive,
        hash: options.hash === true,
      };
      await withSite(site, async (services) => {
        let summary: HudExportSummary;
        try {
          summary = await services.hudExports.writeFile({ operator: cliActor() }, request, out);
        } catch (error) {
          if (error instanceof ValidationError) throw usageErrorOf(error, FIELD_OPTIONS);
          throw error;
        }
        io.out(options.json ? `${JSON.stringify({ file: out, ...summary })}\n` : describeExport(out, summary));
      });
    });
}


function describeExport(file: string, s: HudExportSummary): string {
  const n = (count: number) => count.toLocaleString('en-US');
  return (
    `Exported ${n(s.rows.Client)} clients, ${n(s.rows.Enrollment)} enrollments and ${n(s.rows.Exit)} exits in ${n(s.projects)} projects ` +
    `(${s.from} to ${s.to}, ${s.directive === 'delta' ? 'delta' : 'full'}${s.hashStatus === 4 ? ', hashed' : ''}) to ${file}\n` +
    `ExportID ${s.exportId}${s.sourceId ? `, CoC ${s.sourceId}` : ''}\n`
  );
}
