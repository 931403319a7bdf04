'use strict';
// Draws the funnel figures of /api/metrics with Chart.js and asks the funnel planner; every figure is a JSON call
// authenticated by the page's session.

const charts = {};
const STAGE_LABELS = {
  INQUIRY: 'Inquiries', MQL: 'MQL', SAL: 'SAL', SQL: 'SQL', WON: 'Won', LOST: 'Lost',
  DISQUALIFIED: 'Disqualified', NURTURE: 'Recycled', LEAD_TO_CLOSE: 'Lead to close'
};
const COLOURS = ['#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#17becf', '#d62728', '#8c564b', '#7f7f7f'];
const percent = value => value === null || value === undefined ? '–' : (value * 100).toFixed(1) + ' %';
const number = value => value === null || value === undefined ? '–' : Number(value).toLocaleString('en');
const isoDate = date => date.toISOString().slice(0, 10);

function filters() {
  const form = new FormData(document.getElementById('filters'));
  const query = new URLSearchParams();
  for (const [name, value] of form.entries()) {
    if (value) {
      query.set(name, value);
    }
  }
  return query;
}

async function figure(name, extra) {
  const query = filters();
  for (const [key, value] of Object.entries(extra || {})) {
    query.set(key, value);
  }
  const response = await fetch('/api/metrics/' + name + '?' + query, {
    headers: { Accept: 'application/json' }, credentials: 'same-origin'
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error((body.errors || []).map(error => error.field + ' ' + error.detail).join('; ') || body.detail);
  }
  return body;
}

function draw(id, config) {
  if (charts[id]) {
    charts[id].destroy();
  }
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
  charts[id] = new Chart(document.getElementById(id), config);
}

function table(id, headers, rows) {
  const element = document.getElementById(id);
  element.replaceChildren();
  const head = element.createTHead().insertRow();
  headers.forEach(header => {
    const cell = document.createElement('th');
    cell.textContent = header;
    head.appendChild(cell);
  });
  const body = element.createTBody();
  rows.forEach(row => {
    const line = body.insertRow();
    row.forEach(value => {
      const cell = line.insertCell();
      if (value instanceof Node) {
        cell.appendChild(value);
      } else {
        cell.textContent = value === null || value === undefined ? '–' : value;
      }
    });
  });
}

function link(text, href) {
  if (!href) {
    return document.createTextNode('–');
  }
  const anchor = document.createElement('a');
  anchor.textContent = text;
  anchor.href = href;
  anchor.target = '_blank';
  return anchor;
}

function tile(label, value) {
  const element = document.createElement('div');
  element.className = 'tile';
  const big = document.createElement('div');
  big.className = 'value';
  big.textContent = value;
  const small = document.createElement('div');
  small.className = 'label';
  small.textContent = label;
  element.append(big, small);
  return element;
}

async function load() {
  document.body.dataset.loaded = 'false';
  const error = document.getElementById('error');
  error.hidden = true;
  try {
    const [volumes, conversions, trends, velocity, slaTeam, slaRep, firstContact, reps, reasons, revenue, stuck] =
      await Promise.all([figure('volumes'), figure('conversions'), figure('trends'), figure('velocity'),
        figure('sla', { by: 'team' }), figure('sla', { by: 'rep' }), figure('first-contact'), figure('reps'),
        figure('reasons'), figure('revenue'), figure('stuck')]);
    const count = stage => volumes.rows.find(row => row.stage === stage).leads;
    const mqlToSal = conversions.rows.find(row => row.fromStage === 'MQL' && row.toStage === 'SAL');
    // a lead has a team and a rep only from MQL on: with those filters there are no inquiries to count
    const inquiries = count('INQUIRY');
    document.getElementById('tiles').replaceChildren(
      tile(inquiries === null ? 'Inquiries (none by team or rep)' : 'Inquiries', number(inquiries)),
      tile('MQLs', number(count('MQL'))),
      tile('SALs', number(count('SAL'))), tile('SQLs', number(count('SQL'))), tile('Won', number(count('WON'))),
      tile('Won revenue', number(revenue.wonRevenue)), tile('MQL → SAL (lead quality)', percent(mqlToSal.rate)),
      tile('Stuck leads', number(stuck.rows.length)));

    const funnel = volumes.rows.filter(row => ['INQUIRY', 'MQL', 'SAL', 'SQL', 'WON'].includes(row.stage));
    draw('chart-funnel', {
      type: 'bar',
      data: {
        labels: funnel.map(row => STAGE_LABELS[row.stage]),
        datasets: [{ label: 'Leads entering the stage', data: funnel.map(row => row.leads), backgroundColor: COLOURS }]
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } }
    });
    table('table-conversions', ['From', 'To', 'Entered', 'Reached', 'Conversion'], conversions.rows.map(row =>
      [STAGE_LABELS[row.fromStage], STAGE_LABELS[row.toStage], number(row.entered), number(row.reached),
        percent(row.rate)]));

    draw('chart-conversion-trend', {
      type: 'line',
      data: {
        labels: trends.rows.map(row => row.month.slice(0, 7)),
        datasets: [
          { label: 'MQL → SAL', data: trends.rows.map(row => row.mqlToSal), borderColor: COLOURS[0] },
          { label: 'SAL → SQL', data: trends.rows.map(row => row.salToSql), borderColor: COLOURS[1] }
        ]
      },
      options: { scales: { y: { min: 0, max: 1, ticks: { callback: value => (value * 100) + ' %' } } } }
    });

    const stages = velocity.rows.filter(row => row.stage !== 'LEAD_TO_CLOSE');
    const slowest = stages.filter(row => row.medianDays !== null)
      .sort((one, other) => other.medianDays - one.medianDays)[0];
    const close = velocity.rows.find(row => row.stage === 'LEAD_TO_CLOSE');
    document.getElementById('slowest').textContent = slowest
      ? 'Slowest stage: ' + STAGE_LABELS[slowest.stage] + ', median ' + slowest.medianDays + ' days (80 %: '
        + slowest.p80Days + '). Lead to close: median ' + (close.medianDays ?? '–') + ' days.'
      : 'No lead has left a stage in this period.';
    draw('chart-velocity', {
      type: 'bar',
      data: {
        labels: velocity.rows.map(row => STAGE_LABELS[row.stage]),
        datasets: [
          { label: 'Median', data: velocity.rows.map(row => row.medianDays), backgroundColor: COLOURS[0] },
          { label: '80th percentile', data: velocity.rows.map(row => row.p80Days), backgroundColor: COLOURS[2] }
        ]
      }
    });

    drawCompliance('chart-sla-team', slaTeam.rows, 'team');
    drawCompliance('chart-sla-rep', slaRep.rows, 'rep');
    const missing = complianceBy(slaRep.rows, 'rep').filter(row => row.compliance !== null && row.compliance < 0.9)
      .sort((one, other) => one.compliance - other.compliance);
    document.getElementById('worst-reps').textContent = missing.length
      ? 'Below 90 %: ' + missing.map(row => row.key + ' ' + percent(row.compliance)).join(', ')
      : 'Every rep meets 90 % of the deadlines.';

    document.getElementById('first-contact').textContent = 'Median ' + (firstContact.medianHours ?? '–')
      + ' h, 80 % within ' + (firstContact.p80Hours ?? '–') + ' h; ' + number(firstContact.contacted) + ' of '
      + number(firstContact.accepted) + ' accepted leads contacted.';
    draw('chart-first-contact', {
      type: 'bar',
      data: {
        labels: firstContact.rows.map(row => row.bucket),
        datasets: [{ label: 'Leads', data: firstContact.rows.map(row => row.leads), backgroundColor: COLOURS[4] }]
      },
      options: { plugins: { legend: { display: false } } }
    });

    table('table-reps', ['Rep', 'Team', 'Accepted', 'Rejected', 'Lost by breach', 'Attempts per lead'],
      reps.rows.map(row => [row.rep, row.team, row.accepted, row.rejected, row.reassignedByBreach,
        row.attemptsPerLead]));

    const lost = reasons.rows.filter(row => row.kind === 'LOST');
    draw('chart-lost', {
      type: 'doughnut',
      data: {
        labels: lost.map(row => row.reason),
        datasets: [{ data: lost.map(row => row.count), backgroundColor: COLOURS }]
      }
    });

    table('table-campaigns', ['Campaign', 'Inquiries', 'MQLs', 'Won', 'Revenue', 'Cost', 'Per lead', 'Per MQL'],
      revenue.rows.map(row => [row.campaign, number(row.inquiries), number(row.mqls), number(row.wonDeals),
        number(row.wonRevenue), number(row.cost), number(row.costPerLead), number(row.costPerMql)]));

    table('table-stuck', ['Lead', 'Stage', 'Segment', 'Owner', 'Days in stage', 'Usually within', 'Cockpit',
      'Tasklist'], stuck.rows.map(row => [link(row.lead, row.leadUrl), STAGE_LABELS[row.stage], row.segment,
      row.owner, row.daysInStage, row.typicalDays, link('instance', row.cockpitUrl), link('task', row.tasklistUrl)]));

    document.querySelectorAll('a.csv').forEach(anchor => {
      const query = filters();
      query.set('format', 'csv');
      if (anchor.dataset.by) {
        query.set('by', anchor.dataset.by);
      }
      anchor.href = '/api/metrics/' + anchor.dataset.figure + '?' + query;
    });
  } catch (failure) {
    error.textContent = 'The figures could not be loaded: ' + failure.message;
    error.hidden = false;
  }
  document.body.dataset.loaded = 'true';
}

function complianceBy(rows, key) {
  const byKey = {};
  rows.forEach(row => {
    const name = row[key] || '(none)';
    byKey[name] = byKey[name] || { key: name, due: 0, breached: 0 };
    byKey[name].due += row.due;
    byKey[name].breached += row.breached;
  });
  return Object.values(byKey).map(row =>
    Object.assign(row, { compliance: row.due ? (row.due - row.breached) / row.due : null }));
}

function drawCompliance(id, rows, key) {
  const keys = [...new Set(rows.map(row => row[key] || '(none)'))].sort();
  const steps = [...new Set(rows.map(row => row.step))];
  draw(id, {
    type: 'bar',
    data: {
      labels: keys,
      datasets: steps.map((step, index) => ({
        label: step.replaceAll('_', ' ').toLowerCase(),
        backgroundColor: COLOURS[index % COLOURS.length],
        data: keys.map(name => {
          const row = rows.find(candidate => candidate.step === step && (candidate[key] || '(none)') === name);
          return row ? row.compliance : null;
        })
      }))
    },
    options: { scales: { y: { min: 0, max: 1, ticks: { callback: value => (value * 100) + ' %' } } } }
  });
}

async function plan(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const request = {
    revenueTarget: Number(form.get('revenueTarget')),
    averageDealSize: Number(form.get('averageDealSize')),
    from: form.get('from'),
    to: form.get('to')
  };
  if (form.get('segment')) {
    request.segment = form.get('segment');
  }
  const error = document.getElementById('plan-error');
  error.hidden = true;
  document.body.dataset.planned = 'false';
  const response = await fetch('/api/planning/funnel', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json', Accept: 'application/json',
      [document.querySelector('meta[name=csrf-header]').content]:
        document.querySelector('meta[name=csrf-token]').content
    },
    body: JSON.stringify(request)
  });
  const answer = await response.json();
  if (!response.ok) {
    error.textContent = (answer.errors || []).map(problem => problem.field + ' ' + problem.detail).join('; ')
      || answer.detail;
    error.hidden = false;
    document.body.dataset.planned = 'true';
    return;
  }
  document.getElementById('plan-summary').textContent = answer.mqls === null
    ? 'Some segments have too little history; see the notes below.'
    : 'Needed: ' + number(answer.inquiries) + ' inquiries, ' + number(answer.mqls) + ' MQLs, '
      + number(answer.sals) + ' SALs, ' + number(answer.sqls) + ' SQLs for ' + number(answer.deals) + ' deals.';
  table('table-plan', ['Segment', 'Share', 'Revenue', 'Deals', 'SQLs', 'SALs', 'MQLs', 'Inquiries', 'Note'],
    answer.segments.map(segment => [segment.segment || 'All', percent(segment.revenueShare),
      number(segment.revenueTarget), number(segment.deals), number(segment.sqls), number(segment.sals),
      number(segment.mqls), number(segment.inquiries), segment.note]));
  const months = [...new Set(answer.segments.flatMap(segment => segment.months.map(month => month.month)))].sort();
  draw('chart-plan', {
    type: 'bar',
    data: {
      labels: months.map(month => month.slice(0, 7)),
      datasets: answer.segments.map((segment, index) => ({
        label: 'MQLs ' + (segment.segment || 'all'),
        backgroundColor: COLOURS[index % COLOURS.length],
        data: months.map(month => (segment.months.find(candidate => candidate.month === month) || {}).mqls ?? 0)
      }))
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } }
  });
  document.body.dataset.planned = 'true';
}

document.addEventListener('DOMContentLoaded', () => {
  const today = new Date();
  const from = new Date(today.getTime() - 89 * 86400000);
  const filterForm = document.getElementById('filters');
  filterForm.from.value = isoDate(from);
  filterForm.to.value = isoDate(today);
  filterForm.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  filterForm.querySelectorAll('select').forEach(select => select.addEventListener('change', load));
  const quarter = Math.floor(today.getUTCMonth() / 3);
  const nextStart = new Date(Date.UTC(today.getUTCFullYear(), quarter * 3 + 3, 1));
  const nextEnd = new Date(Date.UTC(today.getUTCFullYear(), quarter * 3 + 6, 0));
  const planner = document.getElementById('planner');
  planner.from.value = isoDate(nextStart);
  planner.to.value = isoDate(nextEnd);
  planner.addEventListener('submit', plan);
  load();
});
