import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Server-rendered HTML; preact escapes every interpolated value. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${render(vnode)}`;
}
