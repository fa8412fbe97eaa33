/* Projects and their indicators, on the budget's page and the project's: 二级指标 offers only the options of the
   row's 一级指标 (each option says its 一级指标 in data-level1), and the spending plan (累计%) is checked as it is
   typed, with the server's own words (Project.spending_plan_drops). */
'use strict';
(function () {
    const PLAN = ['plan_march', 'plan_june', 'plan_october', 'plan_december'];
    const MONTHS = ['3月底', '6月底', '10月底', '12月底'];

    function ready(callback) {
        if (document.readyState === 'loading') {
            document.addEventListener('DOMContentLoaded', callback);
        } else {
            callback();
        }
    }

    // ---------------------------------------------------------------------- 二级指标 under 一级指标

    function followLevel1(level1, choose) {
        const level2 = level1.closest('tr, .form-row').querySelector('select[name$="level2"]');
        if (!level2) {
            return;
        }
        const fitting = [];
        Array.from(level2.options).forEach(function (option) {
            const fits = !option.value || !level1.value || option.dataset.level1 === level1.value;
            // The selected option stays enabled: a disabled one would not be posted.
            option.hidden = !fits;
            option.disabled = !fits && !option.selected;
            if (fits && option.value) {
                fitting.push(option);
            }
        });
        if (!choose) {
            return;
        }
        if (level2.value && level2.options[level2.selectedIndex].hidden) {
            level2.value = '';
        }
        if (fitting.length === 1) {
            level2.value = fitting[0].value;  // 满意度指标 has one: 服务对象满意度指标
        }
        Array.from(level2.options).forEach(function (option) {
            option.disabled = option.hidden;
        });
    }

    // ---------------------------------------------------------------------- the spending plan

    function planProblems(inputs) {
        const problems = [];
        let before = null;
        inputs.forEach(function (input, index) {
            const text = input.value.trim();
            input.removeAttribute('aria-invalid');
            if (!text) {
                return;
            }
            const percent = Number(text);
            if (!/^\d+$/.test(text) || percent > 100) {
                problems.push(MONTHS[index] + '应为0到100的整数（百分比）。');
                input.setAttribute('aria-invalid', 'true');
            } else if (before && percent < before.percent) {
                problems.push('资金支出计划是累计数，' + MONTHS[index] + '（' + percent + '%）不应低于' + before.month +
                    '（' + before.percent + '%）。');
                input.setAttribute('aria-invalid', 'true');
            } else {
                before = {month: MONTHS[index], percent: percent};
            }
        });
        const december = inputs[inputs.length - 1].value.trim();
        if (/^\d+$/.test(december) && Number(december) !== 100) {
            problems.push('12月底应为100%（资金全部支出）。');
        }
        return problems;
    }

    function checkPlan(input) {
        const container = input.closest('tr, .form-row');
        const inputs = PLAN.map((name) => container.querySelector('input[name$="' + name + '"]'));
        if (inputs.some((found) => !found)) {
            return;
        }
        let message = container.querySelector('.plan-check');
        if (!message) {
            message = document.createElement('p');
            message.className = 'plan-check';
            message.setAttribute('role', 'status');
            inputs[inputs.length - 1].insertAdjacentElement('afterend', message);
        }
        message.textContent = planProblems(inputs).join('');
    }

    ready(function () {
        document.querySelectorAll('select[name$="level1"]').forEach((level1) => followLevel1(level1, false));
        document.addEventListener('change', function (event) {
            if (event.target.matches('select[name$="level1"]')) {
                followLevel1(event.target, true);
            }
        });
        document.addEventListener('input', function (event) {
            if (PLAN.some((name) => event.target.matches('input[name$="' + name + '"]'))) {
                checkPlan(event.target);
            }
        });
        // A row added from the template: its 二级指标 list starts whole.
        document.addEventListener('formset:added', function (event) {
            event.target.querySelectorAll('select[name$="level1"]').forEach((level1) => followLevel1(level1, false));
        });
    });
}());
