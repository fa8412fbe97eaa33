/* A line's own page (预算明细 → 增加 or a line): its code cells search the year of the budget chosen above them
   (codes.js); before one is chosen, the list says so. Its 项目 picker offers that budget's projects only. */
'use strict';
document.addEventListener('DOMContentLoaded', function () {
    const form = document.getElementById('budgetline_form');
    const budget = document.getElementById('id_budget');  // absent on a read-only page
    if (!form || !budget) {
        return;
    }
    window.entry.codeSearch(form, {
        url: function (input) {
            // budget/admin/budgets.py CODES_OF_BUDGET: where the budget's id goes in the address
            return budget.value ? input.dataset.codesUrl.replace('__budget__', budget.value) : null;
        },
        unavailable: '请先选择预算：科目按预算的年度查找。',
    });
    // The picker is the admin's autocomplete (select2): its requests carry the chosen budget's id, by which
    // ProjectAdmin.get_search_results keeps that budget's projects.
    django.jQuery.ajaxPrefilter(function (options) {
        if (typeof options.data === 'string' && /(^|&)model_name=budgetline&field_name=project(&|$)/.test(options.data)) {
            options.data += '&budget=' + encodeURIComponent(budget.value);
        }
    });
});
