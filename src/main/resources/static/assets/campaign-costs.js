'use strict';
// The campaign costs page: marketing ops record what a campaign cost in a month, correct it or remove it.

(() => {
  const { api } = leadflow;
  const form = document.getElementById('cost');
  const result = document.getElementById('cost-result');

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      await api('PUT', '/api/campaign-costs', {
        campaign: values.campaign, month: values.month, amount: values.amount === '' ? null : Number(values.amount)
      });
      location.reload();
    } catch (failure) {
      result.className = 'error';
      result.textContent = failure.message;
    }
  });

  document.querySelectorAll('#costs tr[data-campaign]').forEach(row => {
    row.querySelector('.edit-cost').addEventListener('click', () => {
      form.elements.campaign.value = row.dataset.campaign;
      form.elements.month.value = row.dataset.month;
      form.elements.amount.value = row.cells[2].textContent.replace(/[^0-9.]/g, '');
      form.elements.amount.focus();
    });
    row.querySelector('.delete-cost').addEventListener('click', async () => {
      const parameters = new URLSearchParams({ campaign: row.dataset.campaign, month: row.dataset.month });
      try {
        await api('DELETE', '/api/campaign-costs?' + parameters);
        location.reload();
      } catch (failure) {
        result.className = 'error';
        result.textContent = failure.message;
      }
    });
  });
})();
