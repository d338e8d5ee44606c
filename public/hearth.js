// Progressive enhancement only: every page works without this file.
// Adds a "Show" toggle next to each password field (S12) so people can check what they typed.
document.querySelectorAll('input[data-password-toggle]').forEach((input) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Show';
  button.setAttribute('aria-controls', input.id);
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-label', 'Show password');
  button.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.textContent = show ? 'Hide' : 'Show';
    button.setAttribute('aria-pressed', String(show));
    button.setAttribute('aria-label', show ? 'Hide password' : 'Show password');
  });
  input.insertAdjacentElement('afterend', button);
});

// "/" jumps to the client search box (the page's own, or the header's), unless the user is typing somewhere.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const box = document.querySelector('#field-q, #field-home-q, #header-q');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
