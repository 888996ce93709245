"""Teams on one log (issue 13, DESIGN.md 3.6): users and their roles, signing in, the approval
policy, maker-checker approvals and the audit trail.

Qt-free. The rules that must hold whoever writes live in the log's database (``ledger.schema``
version 9); these modules are how the app reads and keeps them:

- ``roles``: the four roles and what each may do, declared once;
- ``passwords``: the memory-hard hash of a password (scrypt);
- ``users``: adding, listing, disabling users, changing a password, signing in (rate-limited);
- ``policy``: which payouts need approval, and how many approvers;
- ``approvals``: the queue, approving and declining (``ledger.approvals`` writes the rows).
"""
