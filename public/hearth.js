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
