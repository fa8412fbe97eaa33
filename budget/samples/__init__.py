"""Data for the demo (the reference budget, cell for cell) and synthetic budgets of any size (tests, benchmarks)."""
