import { SEARCH_HELP } from '../client-search.js';
import { TextField } from '../../views/form-kit.js';
import { sitePath, type PageContext } from '../../views/page-context.js';

/** The one client search box (a GET form): what was typed kept, the help of what can be typed under the label. */
export function ClientSearchForm(props: { ctx: PageContext; action: string; q: string; id?: string; ariaLabel?: string; autofocus?: boolean; primary?: boolean }) {
  return (
    <form method="get" action={sitePath(props.ctx, props.action)} class="search" role="search" aria-label={props.ariaLabel}>
      <TextField name="q" id={props.id} type="search" label="Search clients" hint={SEARCH_HELP} value={props.q} maxLength={200} autocomplete="off" autofocus={props.autofocus} />{' '}
      <button type="submit" class={props.primary ? 'primary' : undefined}>
        Search
      </button>
    </form>
  );
}
