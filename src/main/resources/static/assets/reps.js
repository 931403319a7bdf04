'use strict';
// The reps' page: a manager changes a rep's capacity, marks them out of office (handing their open leads over if
// asked) or back in office.

(() => {
  const { api, element } = leadflow;
  const result = document.getElementById('result');
  const rep = node => node.closest('tr').dataset.rep;

  function failed(failure) {
    result.className = 'error';
    result.textContent = failure.message;
  }

  document.querySelectorAll('form.capacity').forEach(form => form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api('PUT', '/api/admin/reps/' + encodeURIComponent(rep(form)) + '/capacity',
        { capacity: Number(form.elements.capacity.value) });
      location.reload();
    } catch (failure) {
      failed(failure);
    }
  }));

  document.querySelectorAll('.back-in-office').forEach(button => button.addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/admin/reps/' + encodeURIComponent(rep(button)) + '/out-of-office');
      location.reload();
    } catch (failure) {
      failed(failure);
    }
  }));

  const card = document.getElementById('away-card');
  const away = document.getElementById('away');
  document.querySelectorAll('button.away').forEach(button => button.addEventListener('click', () => {
    away.elements.rep.value = rep(button);
    document.getElementById('away-rep').textContent = rep(button);
    for (const option of away.elements.handOver.options) {
      option.disabled = option.value === rep(button);
    }
    document.getElementById('away-report').replaceChildren();
    card.hidden = false;
    card.scrollIntoView();
  }));
  document.getElementById('away-cancel').addEventListener('click', () => { card.hidden = true; });

  away.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(away).entries());
    const request = { from: values.from, until: values.until || null };
    if (values.handOver) {
      request.handOverOpenLeads = true;
      request.handOverTo = values.handOver === 'round-robin' ? null : values.handOver;
    }
    const report = document.getElementById('away-report');
    report.replaceChildren(element('p', 'Saving…', 'muted'));
    try {
      const answer = await api('PUT', '/api/admin/reps/' + encodeURIComponent(values.rep) + '/out-of-office', request);
      if (!answer.handOver) {
        location.reload();
        return;
      }
      const handOver = answer.handOver;
      report.replaceChildren(element('p', handOver.moved.length + ' of ' + handOver.requested
        + ' open leads handed over' + (handOver.failed.length ? ', ' + handOver.failed.length + ' stayed:' : '.'),
        handOver.failed.length ? 'error' : 'ok'));
      const list = element('ul');
      handOver.failed.forEach(item => list.appendChild(element('li', (item.name || item.leadId) + ': ' + item.reason)));
      report.appendChild(list);
      const reload = element('button', 'Done', 'secondary');
      reload.type = 'button';
      reload.addEventListener('click', () => location.reload());
      report.appendChild(reload);
    } catch (failure) {
      report.replaceChildren(element('p', failure.message, 'error'));
    }
  });
})();
