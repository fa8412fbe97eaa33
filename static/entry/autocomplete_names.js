/* Every page of the staff site (templates/admin/base_site.html). The admin's autocomplete pickers (select2) name
   their box by the text of the choice it shows: with nothing chosen (a line's 项目, a new budget's 部门) the box had
   no name at all, and a screen reader announced only "组合框" (axe's aria-input-field-name). Here the box is named by
   the field's <label> and then the choice, as select2 builds each box (on load, and in rows added later). */
'use strict';
(function () {
    function name(selection) {
        const box = selection.closest('.select2-container');
        const select = box && box.previousElementSibling;  // select2 puts its box right after the <select>
        if (!select || !select.id || selection.dataset.named) {
            return;
        }
        const label = document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
        if (!label) {
            return;
        }
        label.id = label.id || select.id + '-label';
        const shown = selection.getAttribute('aria-labelledby');
        selection.setAttribute('aria-labelledby', shown ? label.id + ' ' + shown : label.id);
        // Inside it, select2's read-only "textbox" showing the choice: named by the label too.
        const choice = shown && document.getElementById(shown);
        if (choice && choice.getAttribute('role') === 'textbox') {
            choice.setAttribute('aria-labelledby', label.id);
        }
        selection.dataset.named = 'true';
    }

    function nameAll(root) {
        root.querySelectorAll('.select2-selection[role="combobox"]').forEach(name);
    }

    document.addEventListener('DOMContentLoaded', function () {
        nameAll(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        nameAll(node);  // the box select2 inserted, its combobox inside
                    }
                });
            });
        }).observe(document.body, {childList: true, subtree: true});
    });
}());
