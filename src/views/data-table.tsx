import type { ComponentChildren } from 'preact';

/**
 * One column of a `DataTable`: its header and what each row shows in it. A header that only names a link for
 * screen readers ("Details", "Action") is `hidden`: read aloud, not shown.
 */
export interface Column<T> {
  header: ComponentChildren;
  hidden?: boolean;
  /** The cell that names the row (`<th scope="row">`), read out with each of the row's other cells. */
  rowHeader?: boolean;
  cell: (row: T, index: number) => ComponentChildren;
}

/**
 * A list page's table: the scrolling wrapper, the caption, one header cell a column and one row an item. Columns
 * that a page shows only sometimes are given as `false` and left out, header and cells alike.
 */
export function DataTable<T>(props: {
  caption: ComponentChildren;
  /** A caption for screen readers only, where the heading above already says what the table is. */
  hiddenCaption?: boolean;
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  class?: string;
  /** Without the scrolling wrapper, for a table inside a form. */
  bare?: boolean;
}) {
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  const table = (
    <table class={props.class}>
      <caption class={props.hiddenCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column.hidden ? <span class="visually-hidden">{column.header}</span> : column.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr>
            {columns.map((column) => (column.rowHeader ? <th scope="row">{column.cell(row, i)}</th> : <td>{column.cell(row, i)}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.bare ? table : <div class="table-wrap">{table}</div>;
}
