'use strict';
// Shared by Leadflow's pages: calls to the API through the page's session (with its CSRF token), problem messages,
// and times in the reader's time zone.

const leadflow = (() => {
  const meta = name => document.querySelector('meta[name="' + name + '"]')?.content;

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET') {
      headers[meta('csrf-header')] = meta('csrf-token');
    }
    const response = await fetch(url, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error(problem(json, response.status));
      error.problem = json;
      throw error;
    }
    return json;
  }

  function problem(json, status) {
    if (json && json.errors) {
      return json.errors.map(error => error.field + ' ' + error.detail).join('; ');
    }
    return (json && (json.detail || json.title)) || 'The request failed (' + status + ')';
  }

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

  function when(iso) {
    return iso ? dateTime.format(new Date(iso)) : '\u2013';
  }

  function day(iso) {
    return iso ? date.format(new Date(iso)) : '\u2013';
  }

  /** Shows every <time datetime> of the page in the reader's time zone. */
  function localTimes(root) {
    (root || document).querySelectorAll('time[datetime]').forEach(element => {
      element.title = element.getAttribute('datetime');
      element.textContent = element.dataset.day !== undefined ? day(element.getAttribute('datetime'))
        : when(element.getAttribute('datetime'));
    });
  }

  function age(iso) {
    if (!iso) {
      return '\u2013';
    }
    const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
    if (minutes >= 1440) {
      const days = Math.floor(minutes / 1440);
      return days + (days === 1 ? ' day' : ' days');
    }
    if (minutes >= 60) {
      const hours = Math.floor(minutes / 60);
      return hours + (hours === 1 ? ' hour' : ' hours');
    }
    return minutes + (minutes === 1 ? ' minute' : ' minutes');
  }

  function element(tag, text, className) {
    const created = document.createElement(tag);
    if (text !== undefined && text !== null) {
      created.textContent = text;
    }
    if (className) {
      created.className = className;
    }
    return created;
  }

  document.addEventListener('DOMContentLoaded', () => localTimes());
  return { api, when, day, age, element, localTimes };
})();
