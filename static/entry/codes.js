/* The code search of the 功能分类 and 经济分类 cells (input.grid-code, budget/admin/grid.py CodeInput): typing
   a code, a name or part of a path lists the matching leaf codes of the budget's year with their 类 › 款 › 项
   path (↑ ↓ to choose, Enter to take one, Escape to close), and labels the cell with its subject's name. Used by
   the lines grid (grid.js) and a line's own page (line.js), each saying where to ask (…/budget/<id>/codes/).
   Plain DOM; shared as window.entry (with `element`, which grid.js uses too). */
'use strict';
(function () {
    const SEARCH_DELAY_MS = 150;  // wait for a pause in typing before asking the server

    function element(tag, text, className) {
        const made = document.createElement(tag);
        if (text !== undefined) {
            made.textContent = text;
        }
        if (className) {
            made.className = className;
        }
        return made;
    }

    /* Searches for the code cells inside container. options.url(input): the address of the budget's code
       search for that cell, or null when there is no year to search yet (options.unavailable then says why);
       options.picked(input): after a subject was taken from the list. An open list takes ↑ ↓ Enter and Escape
       (their keydown events come out with defaultPrevented). Returns {close}. */
    function codeSearch(container, options) {
        const list = element('ul', undefined, 'grid-suggestions');
        list.id = (container.id || 'codes') + '-suggestions';
        list.setAttribute('role', 'listbox');
        list.setAttribute('aria-label', '科目');
        list.hidden = true;
        document.body.appendChild(list);
        let active = null;
        let results = [];
        let highlighted = -1;
        let asked = 0;
        const timers = new WeakMap();  // cell → its pending search; each cell is labelled even after Tab

        function label(input, subject) {
            const name = input.parentNode.querySelector('.grid-name');
            name.textContent = subject ? subject.name : '';
            name.title = subject ? subject.path : '';
        }

        function labelExact(input, found) {
            const code = input.value.trim();
            label(input, found.find((subject) => subject.code === code));
        }

        async function search(input, query) {
            const address = options.url(input);
            if (address === null) {
                show(input, [], false, options.unavailable);
                return;
            }
            const url = new URL(address, window.location.href);
            url.searchParams.set('list', input.dataset.list);
            url.searchParams.set('q', query);
            // Only the latest answer for each cell counts (an earlier, slower one would label an older text).
            const mine = String(++asked);
            input.dataset.asked = mine;
            const response = await fetch(url, {headers: {Accept: 'application/json'}});
            if (input.dataset.asked !== mine || !response.ok) {
                return;
            }
            const data = await response.json();
            labelExact(input, data.results);
            if (document.activeElement === input) {
                show(input, data.results, data.more);
            }
        }

        function show(input, found, more, note) {
            active = input;
            results = found;
            list.replaceChildren(...found.map(function (subject, index) {
                const option = element('li');
                option.id = list.id + '-' + index;
                option.setAttribute('role', 'option');
                option.dataset.index = index;
                option.append(element('b', subject.code), ' ', element('span', subject.name), element('small', subject.path));
                return option;
            }));
            if (note) {
                list.append(element('li', note, 'grid-none'));
            } else if (!found.length) {
                list.append(element('li', '没有找到：请检查编码，或键入名称查找。', 'grid-none'));
            } else if (more) {
                list.append(element('li', '还有更多，请继续键入以缩小范围。', 'grid-none'));
            }
            const box = input.getBoundingClientRect();
            list.style.left = (box.left + window.scrollX) + 'px';
            list.style.top = (box.bottom + window.scrollY) + 'px';
            list.hidden = false;
            input.setAttribute('aria-controls', list.id);
            input.setAttribute('aria-expanded', 'true');
            highlight(found.length ? 0 : -1);
        }

        function highlight(index) {
            highlighted = index;
            list.querySelectorAll('[role=option]').forEach(function (option, position) {
                option.setAttribute('aria-selected', String(position === index));
            });
            if (index >= 0) {
                active.setAttribute('aria-activedescendant', list.id + '-' + index);
            } else {
                active.removeAttribute('aria-activedescendant');
            }
        }

        function close() {
            if (active) {
                active.setAttribute('aria-expanded', 'false');
                active.removeAttribute('aria-activedescendant');
            }
            list.hidden = true;
            active = null;
            results = [];
        }

        function pick(index) {
            const input = active;
            input.value = results[index].code;
            label(input, results[index]);
            close();
            if (options.picked) {
                options.picked(input);
            }
        }

        container.addEventListener('keydown', function (event) {
            // The open list takes ↑ ↓ Enter and Escape; anything else is typing.
            if (list.hidden || event.target !== active) {
                return;
            }
            const last = results.length - 1;
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                highlight(event.key === 'ArrowDown' ? Math.min(highlighted + 1, last) : Math.max(highlighted - 1, 0));
            } else if (event.key === 'Enter' && highlighted >= 0) {
                pick(highlighted);
            } else if (event.key === 'Escape') {
                close();
            } else {
                return;
            }
            event.preventDefault();
        });

        list.addEventListener('mousedown', function (event) {
            event.preventDefault();  // keep the focus in the cell
            const option = event.target.closest('[role=option]');
            if (option) {
                pick(Number(option.dataset.index));
            }
        });

        container.addEventListener('focusout', function (event) {
            if (event.target === active) {
                close();
            }
        });

        container.addEventListener('input', function (event) {
            const input = event.target;
            if (!input.matches('input.grid-code')) {
                return;
            }
            label(input, null);
            clearTimeout(timers.get(input));
            const query = input.value.trim();
            if (query) {
                timers.set(input, setTimeout(search, SEARCH_DELAY_MS, input, query));
            } else {
                close();
            }
        });

        return {close: close};
    }

    window.entry = {element: element, codeSearch: codeSearch};
}());
