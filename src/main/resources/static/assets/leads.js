'use strict';
// The Leads page: searches as the user types, filters, pages, and lets managers reassign leads in bulk. The page's
// state is in its address, so a search can be bookmarked and the back button returns to it.

(() => {
  const { api, when, age, element } = leadflow;
  const form = document.getElementById('search');
  const table = document.getElementById('leads');
  const selectable = table.dataset.selectable === 'true';
  const selected = new Set();
  const ACRONYMS = ['MQL', 'SAL', 'SQL'];
  let page = 0;
  let lastList = null;
  let pending = null;
  let typing = null;

  const label = code => !code ? '\u2013' : code.split('_').map((word, index) => ACRONYMS.includes(word) ? word
    : index === 0 ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()).join(' ');

  function query() {
    const parameters = new URLSearchParams();
    for (const [name, value] of new FormData(form).entries()) {
      if (value && !(name === 'sort' && value === 'createdAt,desc')) {
        parameters.set(name, value);
      }
    }
    if (page > 0) {
      parameters.set('page', page);
    }
    return parameters;
  }

  function restore() {
    const parameters = new URLSearchParams(location.search);
    for (const field of form.elements) {
      if (field.name && parameters.has(field.name)) {
        field.value = parameters.get(field.name);
      }
    }
    page = Number(parameters.get('page')) || 0;
  }

  async function search() {
    const parameters = query();
    history.replaceState(null, '', parameters.toString() ? '?' + parameters : location.pathname);
    if (pending) {
      pending.abort();
    }
    const controller = new AbortController();
    pending = controller;
    const error = document.getElementById('error');
    try {
      const response = await fetch('/api/leads?' + parameters, {
        headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error((body.errors || []).map(e => e.field + ' ' + e.detail).join('; ') || body.detail);
      }
      error.hidden = true;
      show(body);
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        error.textContent = failure.message;
        error.hidden = false;
      }
    } finally {
      if (pending === controller) {
        pending = null;
        document.body.dataset.loaded = 'true';
      }
    }
  }

  function show(list) {
    lastList = list;
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const lead of list.items) {
      const row = body.insertRow();
      row.dataset.id = lead.id;
      if (selectable) {
        const box = element('input');
        box.type = 'checkbox';
        box.checked = selected.has(lead.id);
        box.setAttribute('aria-label', 'Select ' + lead.name);
        box.addEventListener('change', () => {
          box.checked ? selected.add(lead.id) : selected.delete(lead.id);
          row.classList.toggle('selected', box.checked);
        });
        row.classList.toggle('selected', box.checked);
        row.insertCell().appendChild(box);
      }
      const name = row.insertCell();
      const link = element('a', lead.name || lead.email || '(no name)');
      link.href = lead.url;
      name.appendChild(link);
      name.appendChild(element('span', lead.email, 'sub'));
      row.insertCell().textContent = lead.company || '\u2013';
      const stage = row.insertCell();
      stage.appendChild(element('span', label(lead.stage), 'badge stage'));
      row.insertCell().textContent = age(lead.stageSince || lead.createdAt);
      const owner = row.insertCell();
      owner.textContent = lead.owner || (lead.team ? 'queue' : '\u2013');
      if (lead.team) {
        owner.appendChild(element('span', lead.team, 'sub'));
      }
      const score = row.insertCell();
      score.className = 'number';
      score.textContent = lead.score ?? '\u2013';
      const sla = row.insertCell();
      if (lead.slaState) {
        sla.appendChild(element('span', label(lead.slaState), 'badge ' + lead.slaState.toLowerCase()));
      } else {
        sla.textContent = '\u2013';
      }
      const deadline = row.insertCell();
      deadline.textContent = when(lead.nextDeadline);
      if (lead.openTask) {
        deadline.appendChild(element('span', lead.openTask.name, 'sub'));
      }
      row.insertCell().textContent = leadflow.day(lead.createdAt);
    }
    const first = list.page * list.size + 1;
    const last = list.page * list.size + list.items.length;
    const total = list.totalExact ? list.total.toLocaleString('en') : 'more than ' + list.total.toLocaleString('en');
    document.getElementById('summary').textContent = list.items.length === 0 ? 'No leads found'
      : 'Leads ' + first + '\u2013' + last + ' of ' + total;
    document.getElementById('previous').disabled = list.page === 0;
    document.getElementById('next').disabled = last >= list.total && list.totalExact;
  }

  form.addEventListener('input', event => {
    page = 0;
    clearTimeout(typing);
    // a search per pause in typing, not per key
    typing = setTimeout(search, event.target.name === 'q' ? 250 : 0);
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    page = 0;
    search();
  });
  document.getElementById('previous').addEventListener('click', () => {
    page = Math.max(0, page - 1);
    search();
  });
  document.getElementById('next').addEventListener('click', () => {
    page += 1;
    search();
  });

  if (selectable) {
    document.getElementById('select-all').addEventListener('change', event => {
      for (const row of table.tBodies[0].rows) {
        const box = row.querySelector('input[type=checkbox]');
        box.checked = event.target.checked;
        box.dispatchEvent(new Event('change'));
      }
    });
    const bulk = document.getElementById('bulk');
    bulk.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(bulk).entries());
      const request = { from: values.from, to: values.to || null, note: values.note || null };
      if (values.which === 'selected') {
        request.leads = [...selected];
      }
      const report = document.getElementById('bulk-report');
      report.hidden = false;
      report.replaceChildren(element('p', 'Reassigning…', 'muted'));
      document.getElementById('reassign').disabled = true;
      try {
        showReport(await api('POST', '/api/leads/reassignments', request));
        selected.clear();
        await search();
      } catch (failure) {
        report.replaceChildren(element('p', failure.message, 'error'));
      } finally {
        document.getElementById('reassign').disabled = false;
        document.body.dataset.reassigned = 'true';
      }
    });
  }

  function showReport(result) {
    const report = document.getElementById('bulk-report');
    report.replaceChildren();
    report.appendChild(element('p', result.moved.length + ' of ' + result.requested + ' leads moved'
      + (result.failed.length ? ', ' + result.failed.length + ' stayed' : '') + '.',
      result.failed.length ? 'error' : 'ok'));
    const list = (items, text) => {
      if (items.length) {
        const ul = element('ul');
        items.forEach(item => ul.appendChild(element('li', text(item))));
        report.appendChild(ul);
      }
    };
    list(result.moved, item => (item.name || item.leadId) + ' \u2192 ' + item.to);
    list(result.failed, item => (item.name || item.leadId) + ': ' + item.reason);
  }

  restore();
  search();
})();
