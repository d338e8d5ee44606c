import type { HudImportResult } from '../exchange/import/hud-csv-import.service.js';
import { Notice } from '../views/components.js';
import { CheckboxGroupField, ErrorSummary, FileField, PostForm, type FormFailure } from '../views/form-kit.js';
import { Layout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';

export interface ImportPageProps {
  ctx: PageContext;
  failure?: FormFailure | null;
  /** The validation report (a dry run, with `uploadId` to import it) or what an import did. */
  result?: HudImportResult;
  uploadId?: string | null;
}

const n = (count: number) => count.toLocaleString('en-US');
/** Problems listed per file on the page; the counts count them all. */
const ISSUES_SHOWN = 50;

function Report(props: { result: HudImportResult }) {
  const { report } = props.result;
  const files = report.files.filter((f) => f.present);
  return (
    <>
      <p>
        HUD HMIS CSV FY{report.version}
        {report.version === 2024 ? ' (mapped to FY2026)' : ''}, ExportID {report.exportId ?? '(none)'}
        {report.softwareName ? `, from ${report.softwareName}` : ''}.
      </p>
      <table>
        <caption>Rows per file</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Read</th>
            <th scope="col">{props.result.dryRun ? 'Would be imported' : 'Imported'}</th>
            <th scope="col">Errors</th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr>
              <th scope="row">{f.file}.csv</th>
              <td>{n(f.rowsRead)}</td>
              <td>{n(f.rowsImported)}</td>
              <td>{n(f.errors)}</td>
              <td>{n(f.warnings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files
        .filter((f) => f.issues.length > 0)
        .map((f) => (
          <details>
            <summary>
              {f.file}.csv: {n(f.errors)} errors (rows skipped), {n(f.warnings)} warnings (rows imported)
            </summary>
            <ul>
              {f.issues.slice(0, ISSUES_SHOWN).map((i) => (
                <li>
                  {i.severity === 'error' ? 'Error' : 'Warning'}
                  {i.row === null ? '' : `, row ${i.row}`}
                  {i.column ? `, ${i.column}` : ''} [{i.rule}]: {i.message}
                </li>
              ))}
            </ul>
            {f.issues.length > ISSUES_SHOWN && <p>The first {ISSUES_SHOWN} are listed; `hearth import --dry-run` lists more.</p>}
          </details>
        ))}
    </>
  );
}

/** The Import page: upload a zip, read its report, confirm likely matches, import. */
export function ImportPage(props: ImportPageProps) {
  const { ctx, result, failure } = props;
  const matches = result?.report.likelyMatches ?? [];
  const toConfirm = matches.filter((m) => m.matchedTo === null);
  return (
    <Layout ctx={ctx} title="HUD CSV import">
      <h1>HUD CSV import</h1>
      <p class="lede">
        Import a HUD HMIS CSV export (FY2026 or FY2024) from another HMIS. Every file and row is checked first: nothing is
        written until you import. Importing the same export again updates its records and never duplicates them.
      </p>
      <ErrorSummary failure={failure} />
      {result === undefined && (
        <PostForm ctx={ctx} action="imports" class="stack narrow" upload>
          <FileField name="file" label="The export’s zip file" hint="The zip of CSV files another HMIS exported." accept=".zip,application/zip" errors={failure?.errors.file} />
          <button type="submit" class="primary">Check the file</button>
        </PostForm>
      )}
      {result && !result.dryRun && (
        <Notice kind={result.written ? 'success' : 'warning'}>{result.written ? 'The export was imported.' : 'Nothing was imported: no row could be.'}</Notice>
      )}
      {result && <Report result={result} />}
      {result?.dryRun && props.uploadId && (
        <>
          <h2>Import</h2>
          {matches.length > 0 && (
            <p>
              {n(matches.length - toConfirm.length)} source clients are certainly clients Hearth has (the same SSN, name and date of birth) and
              will be written to them.
            </p>
          )}
          <PostForm ctx={ctx} action={`imports/${props.uploadId}`} class="stack">
            {toConfirm.length > 0 && (
              <CheckboxGroupField
                name="confirm"
                label="Likely matches with Hearth clients"
                hint="Tick a match only if it is the same person: the record is then written to that client. Unticked, it is imported as a new client, and can be merged later."
                choices={toConfirm.flatMap((m) =>
                  m.matches.map((h) => ({ value: `${m.sourcePersonalId} ${h.personalId}`, label: `Client.csv row ${m.row} (PersonalID ${m.sourcePersonalId}) is Hearth client ${h.personalId}: same ${h.reasons.join(', ')}` })),
                )}
                values={[]}
              />
            )}
            <button type="submit" class="primary">Import</button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
