/* The rows of the staff site's tables (tabular inlines, budget/admin/base.py LabelledRowsInline). The server names
   each field of a row "第3行 金额" and the hidden template row's fields "新行 金额"; Django's admin/js/inlines.js
   clones that row when a row is added and renumbers the rows when a new one is removed, but changes only ids and
   names. Here the names follow: every row of the table is numbered again after each addition and removal. And
   after "添加另一个" the focus moves to the new row's first field: left on the button, it made a keyboard user
   Shift+Tab through the whole row backwards to reach what they had just added (issue 23). */
'use strict';
(function () {
    const LABELLED = /^(第\d+行|新行) /;
    const CONTROLS = 'input:not([type=hidden]), select, textarea';

    function renumber(group) {
        const rows = group.querySelectorAll('tr.form-row:not(.empty-form)');  // tabular inlines only
        rows.forEach(function (row, index) {
            row.querySelectorAll('[aria-label]').forEach(function (control) {
                const label = control.getAttribute('aria-label');
                if (LABELLED.test(label)) {
                    control.setAttribute('aria-label', label.replace(LABELLED, '第' + (index + 1) + '行 '));
                }
            });
        });
    }

    function groupOf(name) {
        return document.getElementById(name + '-group');
    }

    document.addEventListener('formset:added', function (event) {
        const group = groupOf(event.detail.formsetName);
        if (group) {
            renumber(group);
        }
        // Only when the person pressed "添加另一个" (it has the focus): a script adding a row moves the focus itself
        // (the lines grid: Enter, 复制).
        const active = document.activeElement;
        if (active && active.closest('.add-row')) {
            const first = Array.from(event.target.querySelectorAll(CONTROLS))
                .find((control) => !control.disabled && control.offsetParent !== null);
            if (first) {
                first.focus();
            }
        }
    });

    document.addEventListener('formset:removed', function (event) {
        const group = groupOf(event.detail.formsetName);
        if (group) {
            renumber(group);
        }
    });
}());
