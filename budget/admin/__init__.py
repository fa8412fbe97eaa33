"""The staff site (Django admin): data entry by departments, review and publication by the bureau, the lists
and users kept by administrators. Who may see and change what is decided by budget/access.py."""

from budget.admin import budgets, departments, lists, others  # noqa: F401  (each module registers its pages)
