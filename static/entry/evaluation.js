/* A project's self-evaluation as it is typed: each target's 得分, 执行率 and its points, the total and the grade, by
   the rules of performance/scoring.py. The server computes them again when the page is saved, and its figures stand. */
'use strict';
(function () {
    const GRADES = [[90, '优'], [80, '良'], [60, '中'], [0, '差']];

    function number(input) {  // null for an empty, closed or malformed input
        const text = input && !input.disabled ? input.value.trim() : '';
        return text === '' || !isFinite(Number(text)) ? null : Number(text);
    }

    function points(value) {  // to the cent, half up (scoring.points)
        return Math.round((value + Number.EPSILON) * 100) / 100;
    }

    function isMet(comparator, target, actual) {
        return {'≥': actual >= target, '>': actual > target, '≤': actual <= target, '<': actual < target}[comparator]
            ?? actual === target;
    }

    function completion(comparator, target, actual) {  // scoring.completion
        if (isMet(comparator, target, actual)) {
            return 1;
        }
        let ratio;
        if (comparator === '≥' || comparator === '>') {
            ratio = target > 0 ? actual / target : 0;
        } else if (comparator === '≤' || comparator === '<') {
            ratio = actual > 0 ? target / actual : 0;
        } else {
            const [low, high] = [Math.abs(actual), Math.abs(target)].sort((a, b) => a - b);
            ratio = high ? low / high : 0;
        }
        return Math.max(0, Math.min(ratio, 1));
    }

    function rowScore(row) {  // IndicatorEvaluation.score: computed for a number, as judged for a text
        const target = row.querySelector('[data-comparator]');
        if (!target) {
            return null;
        }
        if (target.dataset.target === '') {
            return number(row.querySelector('[name$="-judged_score"]'));
        }
        const weight = number(row.querySelector('[name$="-weight"]'));
        const actual = number(row.querySelector('[name$="-actual_number"]'));
        if (weight === null || actual === null) {
            return null;
        }
        return points(weight * completion(target.dataset.comparator, Number(target.dataset.target), actual));
    }

    function show(selector, text) {
        const cell = document.querySelector(selector);
        if (cell) {
            cell.textContent = text;
        }
    }

    function update() {
        if (!document.querySelector('[name="full_year_budget"]')) {
            return;  // read-only: the server's figures
        }
        const budget = number(document.querySelector('[name="full_year_budget"]'));
        const executed = number(document.querySelector('[name="executed"]'));
        const rate = budget && executed !== null ? executed / budget : null;
        let total = budget === null || executed === null ? null : (rate === null ? 0 : points(Math.min(rate, 1) * 10));
        show('.field-execution_rate .readonly', rate === null ? '—' : (rate * 100).toFixed(2) + '%');
        show('.field-execution_score .readonly', total === null ? '-' : total.toFixed(2));
        document.querySelectorAll('#targets-group tr.form-row:not(.empty-form)').forEach(function (row) {
            const score = rowScore(row);
            row.querySelector('.field-computed_score p').textContent = score === null ? '-' : score.toFixed(2);
            total = total === null || score === null ? null : total + score;
        });
        show('.field-total .readonly', total === null ? '-' : total.toFixed(2));
        show('.field-grade .readonly', total === null ? '-' : GRADES.find(([floor]) => total >= floor - 1e-9)[1]);
    }

    document.addEventListener('input', function (event) {
        if (event.target.closest('#projectevaluation_form')) {
            update();
        }
    });
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', update);
    } else {
        update();
    }
}());
