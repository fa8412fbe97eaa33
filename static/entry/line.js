/* A line's own page (预算明细 → 增加 or a line): its code cells search the year of the budget chosen above them
   (codes.js); before one is chosen, the list says so. */
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
});
