import type { ComponentChildren } from 'preact';
import { ErrorSummary, PostForm, WarningConfirmation, type FormFailure } from '../../views/form-kit.js';
import { Layout } from '../../views/layout.js';
import { sitePath, type PageContext } from '../../views/page-context.js';
import type { Project } from '../projects.model.js';

/**
 * The page of one set-up record's form (adding or correcting it): the project it belongs to, HUD's element,
 * the error summary, the fields, and the confirmation box when the last submit came back with warnings.
 */
export function SetupRecordPage(props: {
  ctx: PageContext;
  project: Project;
  heading: string;
  /** HUD's element, e.g. "2.06 Funding sources". */
  element: string;
  /** Where the form posts, under the site. */
  action: string;
  /** The section of the project page the record is listed in. */
  section: string;
  failure?: FormFailure | null;
  submitLabel: string;
  children: ComponentChildren;
}) {
  const { ctx, project } = props;
  const projectPath = sitePath(ctx, `projects/${project.projectId}`);
  return (
    <Layout ctx={ctx} title={`${props.heading} · ${project.projectName}`}>
      <div class="narrow">
        <p>
          <a href={`${projectPath}#${props.section}`}>← {project.projectName}</a>
        </p>
        <h1>{props.heading}</h1>
        <p class="lede">
          {props.element}, for {project.projectName}.
        </p>
        <ErrorSummary failure={props.failure} />
        <PostForm ctx={ctx} action={props.action}>
          {props.children}
          <WarningConfirmation failure={props.failure} />
          <button type="submit" class="primary">
            {props.submitLabel}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
