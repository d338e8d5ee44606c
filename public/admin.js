// Progressive enhancement for "Create user": shows the conventional username (first initial + last name)
// as the admin types. Without this file the server picks the same username when the field is left empty.
(() => {
  const form = document.querySelector('form[data-suggest-url]');
  const first = form?.querySelector('#field-firstName');
  const last = form?.querySelector('#field-lastName');
  const username = form?.querySelector('#field-username');
  const note = document.getElementById('username-suggestion');
  if (!form || !first || !last || !username) return;

  let timer;
  let latest = 0;
  let suggestion = null;

  const showNote = () => {
    if (note) note.textContent = suggestion && !username.value.trim() ? `If left empty, the username will be ${suggestion}.` : '';
  };

  const suggest = async () => {
    const request = ++latest;
    let answer = null;
    if (first.value.trim() || last.value.trim()) {
      const params = new URLSearchParams({ firstName: first.value, lastName: last.value });
      try {
        const response = await fetch(`${form.dataset.suggestUrl}?${params}`, {
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (response.ok) answer = (await response.json()).username ?? null;
      } catch {
        // Offline or signed out: no hint; the server still picks the username on submit.
      }
    }
    if (request !== latest) return; // an answer to an older keystroke
    suggestion = answer;
    username.placeholder = suggestion ?? '';
    showNote();
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  };
  first.addEventListener('input', schedule);
  last.addEventListener('input', schedule);
  username.addEventListener('input', showNote);
  if (first.value || last.value) suggest();
})();
