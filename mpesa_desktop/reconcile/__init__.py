"""Reconciliation: the log against M-Pesa's own record (issue 15). Qt-free.

``statement`` reads the Org Portal's statement export; ``pulled`` turns Pull Transactions'
answers into the same rows; ``matching`` sorts every row into matched, settled, mismatched, in
M-Pesa only and in the log only; ``report`` reads the verdicts back and writes them as CSV.
"""
