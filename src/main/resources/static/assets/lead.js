'use strict';
// A lead's page: saves corrections of the lead's data (only the fields that changed) and waits for the re-score; lets
// managers reassign the lead.

(() => {
  const { api } = leadflow;
  const main = document.querySelector('main');
  const leadId = main.dataset.lead;

  const edit = document.getElementById('edit');
  if (edit) {
    edit.addEventListener('submit', async event => {
      event.preventDefault();
      const changes = {};
      for (const field of edit.elements) {
        if (field.name && field.value.trim() !== field.dataset.original) {
          changes[field.name] = field.value.trim() === '' ? null : field.value.trim();
        }
      }
      edit.querySelectorAll('.field-error').forEach(message => { message.textContent = ''; });
      const result = document.getElementById('edit-result');
      if (Object.keys(changes).length === 0) {
        result.textContent = 'Nothing changed.';
        return;
      }
      document.getElementById('save').disabled = true;
      result.className = 'muted';
      result.textContent = 'Saving…';
      try {
        const edited = await api('PATCH', '/api/leads/' + leadId, changes);
        result.className = 'ok';
        result.textContent = 'Saved. ' + (edited.rescoredIn === 'NONE' ? '' : 'Re-scoring…');
        if (edited.rescoredIn !== 'NONE') {
          await rescored();
        }
        location.reload();
      } catch (failure) {
        result.className = 'error';
        result.textContent = 'Not saved: ' + failure.message;
        for (const error of failure.problem?.errors || []) {
          const message = edit.querySelector('[data-field="' + CSS.escape(error.field) + '"] .field-error');
          if (message) {
            message.textContent = error.detail;
          }
        }
        document.getElementById('save').disabled = false;
      }
    });
  }

  /** Waits (at most half a minute) until the lead's process has re-scored it. */
  async function rescored() {
    const before = main.dataset.scoredAt;
    for (let attempt = 0; attempt < 60; attempt++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const lead = await api('GET', '/api/leads/' + leadId);
      if (lead.score.scoredAt && lead.score.scoredAt !== before) {
        return;
      }
    }
  }

  const reassign = document.getElementById('reassign');
  if (reassign) {
    reassign.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(reassign).entries());
      const result = document.getElementById('reassign-result');
      try {
        await api('PUT', '/api/leads/' + leadId + '/owner', { rep: values.rep, note: values.note || null });
        location.reload();
      } catch (failure) {
        result.className = 'error';
        result.textContent = failure.message;
      }
    });
  }
})();
