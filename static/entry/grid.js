/* The budget lines grid (templates/admin/budget/budget/lines_grid.html): moving with the keyboard, the code
   search (codes.js), copying rows, the project choices (of lines and purchases) following the project rows above, and the running
   totals beside the control figures. Plain DOM; Django's admin/js/inlines.js adds and removes the rows. Money is counted in
   whole 分 (integers), never in floating-point 元. */
'use strict';
(function () {
    const PROJECT_KIND = 'project';  // ExpenditureKind.PROJECT: the kind of a line that names a project
    const CONTROLS = 'td[class*="field-"] input:not([type=hidden]), td[class*="field-"] select';

    function ready(callback) {
        if (document.readyState === 'loading') {
            document.addEventListener('DOMContentLoaded', callback);
        } else {
            callback();
        }
    }

    function fieldOf(element) {
        // "lines-3-amount" → "amount"
        return element.name.replace(/^.*-(\d+|__prefix__)-/, '');
    }

    function cents(text) {
        const match = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text);
        return match ? Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0')) : null;
    }

    function yuan(amount) {
        const sign = amount < 0 ? '-' : '';
        const whole = Math.abs(amount);
        return sign + Math.floor(whole / 100).toLocaleString('zh-CN') + '.' + String(whole % 100).padStart(2, '0');
    }

    function selectedText(select) {
        return select.selectedIndex >= 0 ? select.options[select.selectedIndex].text : '';
    }

    const element = window.entry.element;  // codes.js

    function setUp(group) {
        const prefix = JSON.parse(group.dataset.inlineFormset).options.prefix;
        const tbody = group.querySelector('table.grid > tbody');
        const totals = group.querySelector('.grid-totals');
        const figuresScript = document.getElementById('grid-control-figures');
        const figures = figuresScript ? JSON.parse(figuresScript.textContent) : [];
        const projectsGroup = document.getElementById('projects-group');

        const rows = () => Array.from(tbody.querySelectorAll('tr.form-row:not(.empty-form)'));
        const controls = (row) => Array.from(row.querySelectorAll(CONTROLS));
        const cell = (row, field) => row.querySelector('[name$="-' + field + '"]');

        function focus(control) {
            if (!control) {
                return;
            }
            control.focus();
            if (control.type === 'text') {
                control.select();
            }
        }

        function addRow() {
            group.querySelector('.add-row a').click();  // inlines.js appends it above the hidden template row
            const all = rows();
            return all[all.length - 1];
        }

        // ------------------------------------------------------------------ moving with the keyboard

        function moveDown(control, orAdd) {
            const row = control.closest('tr.form-row');
            const cells = controls(row);
            const column = cells.indexOf(control);
            const all = rows();
            const next = all[all.indexOf(row) + 1] || (orAdd && addRow());
            if (next) {
                // From the last cell (金额) to the start of the next line, as when entering line after line.
                focus(controls(next)[column === cells.length - 1 && orAdd ? 0 : column]);
            }
        }

        function moveUp(control) {
            const row = control.closest('tr.form-row');
            const all = rows();
            const previous = all[all.indexOf(row) - 1];
            if (previous) {
                focus(controls(previous)[controls(row).indexOf(control)]);
            }
        }

        function moveRight(control) {
            const cells = controls(control.closest('tr.form-row'));
            focus(cells[cells.indexOf(control) + 1]);
        }

        // ------------------------------------------------------------------ the code search (first: an open
        // list of suggestions takes its keys before the grid does)

        const codes = window.entry.codeSearch(group, {
            url: function () {
                const url = new URL(group.dataset.codesUrl, window.location.href);
                const year = document.getElementById('id_year');  // a budget not saved yet: the year typed above
                if (year && year.value) {
                    url.searchParams.set('year', year.value.trim());
                }
                return url;
            },
            picked: moveRight,
        });

        // ------------------------------------------------------------------ the projects' choices

        function projectChoices() {
            // The project rows above, saved or being added, except those marked for deletion.
            const choices = [];
            projectsGroup.querySelectorAll('tr.form-row:not(.empty-form)').forEach(function (row) {
                const code = cell(row, 'code');
                const name = cell(row, 'name');
                const deleted = cell(row, 'DELETE');
                if (code && code.value.trim() && !(deleted && deleted.checked)) {
                    choices.push([code.value.trim(), (name ? name.value.trim() : '') + '（' + code.value.trim() + '）']);
                }
            });
            return choices;
        }

        // The lines' project cells and the purchases' (budget/admin/grid.py PurchaseForm), the rows' template included.
        function projectPickers() {
            const purchases = document.getElementById('procurement_items-group');
            return [group, purchases].filter(Boolean).flatMap(
                (each) => Array.from(each.querySelectorAll('select[name$="-project"]')));
        }

        function syncProjects(renamed) {
            const choices = projectChoices();
            projectPickers().forEach(function (select) {
                let value = select.value;
                if (renamed && renamed.from && value === renamed.from) {
                    value = renamed.to;
                }
                select.replaceChildren(new Option('—', ''), ...choices.map(([code, text]) => new Option(text, code)));
                select.value = choices.some(([code]) => code === value) ? value : '';
            });
            update();
        }

        if (projectsGroup) {
            projectsGroup.addEventListener('focusin', function (event) {
                if (event.target.matches('[name$="-code"]')) {
                    event.target.dataset.before = event.target.value.trim();
                }
            });
            // As each key is typed, so that a project just added can be chosen at once.
            projectsGroup.addEventListener('input', function (event) {
                let renamed = null;
                if (event.target.matches('[name$="-code"]')) {
                    renamed = {from: event.target.dataset.before, to: event.target.value.trim()};
                    event.target.dataset.before = renamed.to;
                }
                syncProjects(renamed);
            });
            projectsGroup.addEventListener('change', function (event) {
                if (fieldOf(event.target) === 'DELETE') {
                    syncProjects(null);
                }
            });
        }

        // ------------------------------------------------------------------ running totals

        function update() {
            const sums = new Map();  // "kind|source" → {label, amount}
            let carryover = 0;
            let total = 0;
            let unreadable = 0;
            rows().forEach(function (row) {
                const deleted = cell(row, 'DELETE');
                const typed = cell(row, 'amount').value;
                if ((deleted && deleted.checked) || !typed.trim()) {
                    return;
                }
                const amount = cents(typed);
                if (amount === null) {
                    unreadable += 1;
                    return;
                }
                total += amount;
                if (cell(row, 'is_carryover').checked) {
                    carryover += amount;  // a control figure caps this year's new money only
                    return;
                }
                const kind = cell(row, 'kind');
                const source = cell(row, 'source');
                const key = kind.value + '|' + source.value;
                if (!sums.has(key)) {
                    sums.set(key, {label: selectedText(kind) + '·' + selectedText(source), amount: 0});
                }
                sums.get(key).amount += amount;
            });
            const lines = figures.map(function (figure) {
                const key = figure.kind + '|' + figure.source;
                const entered = sums.has(key) ? sums.get(key).amount : 0;
                sums.delete(key);
                return {label: figure.label, control: cents(figure.amount), entered: entered};
            });
            sums.forEach(function (sum) {
                lines.push({label: sum.label, control: null, entered: sum.amount});
            });
            render(lines, carryover, total, unreadable);
        }

        function difference(line) {
            if (line.control === null) {
                return figures.length ? ['无控制数', 'grid-over'] : ['', ''];
            }
            const left = line.control - line.entered;
            if (left === 0) {
                return ['相符', 'grid-even'];
            }
            return left > 0 ? ['尚余 ' + yuan(left), 'grid-under'] : ['超出 ' + yuan(-left), 'grid-over'];
        }

        function render(lines, carryover, total, unreadable) {
            const table = element('table');
            const head = element('tr');
            ['支出类型·资金来源', '控制数（元）', '已录入（元）', '与控制数比较'].forEach(function (text) {
                head.append(element('th', text));
            });
            table.append(element('caption', '合计（随录入更新）'), head);
            function row(label, control, entered, compared) {
                const tr = element('tr');
                tr.append(element('th', label), element('td', control), element('td', entered),
                    element('td', compared[0], compared[1]));
                table.append(tr);
            }
            lines.forEach(function (line) {
                row(line.label, line.control === null ? '' : yuan(line.control), yuan(line.entered), difference(line));
            });
            if (carryover) {
                row('上年结转', '', yuan(carryover), ['不计入控制数', '']);
            }
            row('合计', '', yuan(total), ['', '']);
            totals.replaceChildren(table);
            if (!figures.length) {
                totals.append(element('p', '没有可对照的预算控制数：财政局下达后显示（新建的预算在保存后显示）。'));
            }
            if (unreadable) {
                totals.append(element('p', unreadable + '行的金额不是有效数字（最多两位小数），未计入合计。', 'grid-over'));
            }
        }

        // ------------------------------------------------------------------ events

        group.addEventListener('keydown', function (event) {
            const control = event.target;
            // 229: an input method (拼音) is composing, and its keys choose characters.
            if (!control.matches(CONTROLS) || event.isComposing || event.keyCode === 229 || event.defaultPrevented) {
                return;
            }
            if (event.key === 'Enter') {
                event.preventDefault();  // not the form's submit
                codes.close();
                moveDown(control, true);
            } else if (event.key === 'ArrowDown' && control.type === 'text') {
                event.preventDefault();
                codes.close();
                moveDown(control, false);
            } else if (event.key === 'ArrowUp' && control.type === 'text') {
                event.preventDefault();
                codes.close();
                moveUp(control);
            }
        });

        group.addEventListener('input', function (event) {
            const control = event.target;
            if (!control.name) {
                return;
            }
            if (fieldOf(control) === 'amount') {
                update();
            }
        });

        group.addEventListener('change', function (event) {
            const control = event.target;
            const row = control.closest('tr.form-row');
            if (!row || !control.name) {
                return;
            }
            if (fieldOf(control) === 'project' && control.value) {
                cell(row, 'kind').value = PROJECT_KIND;
            } else if (fieldOf(control) === 'kind' && control.value !== PROJECT_KIND) {
                cell(row, 'project').value = '';
            }
            update();
        });

        group.addEventListener('click', function (event) {
            const button = event.target.closest('.grid-copy');
            if (!button) {
                return;
            }
            const source = button.closest('tr.form-row');
            const copy = addRow();
            source.querySelectorAll('input[name], select[name]').forEach(function (from) {
                const field = fieldOf(from);
                const to = cell(copy, field);
                if (!to || ['id', 'budget', 'DELETE'].includes(field)) {
                    return;
                }
                if (from.type === 'checkbox') {
                    to.checked = from.checked;
                } else {
                    to.value = from.value;
                }
            });
            copy.querySelectorAll('.grid-name').forEach(function (name, index) {
                const original = source.querySelectorAll('.grid-name')[index];
                name.textContent = original.textContent;
                name.title = original.title;
            });
            update();
            focus(cell(copy, 'amount'));
        });

        document.addEventListener('formset:added', function (event) {
            if (event.detail.formsetName === prefix) {
                update();
            } else if (projectsGroup && event.detail.formsetName === 'projects') {
                syncProjects(null);
            }
        });
        document.addEventListener('formset:removed', function (event) {
            if (event.detail.formsetName === prefix) {
                update();
            } else if (projectsGroup && event.detail.formsetName === 'projects') {
                syncProjects(null);
            }
        });

        update();
    }

    ready(function () {
        document.querySelectorAll('.entry-grid[data-codes-url]').forEach(setUp);
    });
}());
