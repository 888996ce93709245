"""Issue 13 in the log itself, on both backends: users and roles, signing in, the approval
policy, maker-checker and the audit trail's chain.

Each test works on a real Ledger (a SQLite file, or a database on the suite's PostgreSQL), two
Ledgers where two desks are meant; the rules the database keeps are also tried with raw SQL, as
a modified client would.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from mpesa_desktop.ledger import Ledger, audit
from mpesa_desktop.ledger.approvals import ApprovalRefused
from mpesa_desktop.ledger.backend import is_url
from mpesa_desktop.ledger.ledger_url import with_login
from mpesa_desktop.ledger.records import utc_now
from mpesa_desktop.team import policy, users
from mpesa_desktop.team.roles import NotAllowed, Role, SignInRefused

PASSWORDS = {"ann": "ann-secret-1", "ben": "ben-secret-2", "cat": "cat-secret-3",
             "dan": "dan-secret-4", "eve": "eve-secret-5"}
ROLES = {"ann": "admin", "ben": "operator", "cat": "approver", "dan": "approver",
         "eve": "auditor"}


def team(ledger: Ledger) -> Ledger:
    """ann (admin, the first user), ben (operator), cat and dan (approvers), eve (auditor);
    ann's desk (closed by the caller)."""
    users.add_user(ledger, "ann", "admin", PASSWORDS["ann"])
    admin = as_user(ledger.location, "ann")
    for name, role in ROLES.items():
        if name != "ann":
            users.add_user(admin, name, role, PASSWORDS[name])
    return admin


def as_user(location, name: str) -> Ledger:
    """Another desk on the same log, ``name`` signed in (on PostgreSQL, as their login)."""
    desk = Ledger(with_login(str(location), name) if is_url(location) else location,
                  profile="offline")
    users.sign_in(desk, name, PASSWORDS[name])
    return desk


@pytest.fixture
def admin(ledger):
    """The team on a fresh log (each backend); ann's desk."""
    desk = team(ledger)
    yield desk
    desk.close()


def payout(desk: Ledger, amount: int, party_b: str = "254708374149"):
    return desk.create("b2c", amount=amount, party_a="600000", party_b=party_b,
                       remarks="Salary", held_fields={"amount": amount, "party_b": party_b})


def test_the_first_user_is_admin_and_then_only_an_admin_adds_users(ledger):
    assert not ledger.has_users
    assert users.add_user(ledger, "ann", "operator", PASSWORDS["ann"]) is Role.ADMIN
    assert ledger.has_users
    with pytest.raises(NotAllowed, match="sign in first"):
        users.add_user(ledger, "ben", "operator", PASSWORDS["ben"])
    ann = as_user(ledger.location, "ann")
    assert users.add_user(ann, "ben", "operator", PASSWORDS["ben"]) is Role.OPERATOR
    ann.close()
    ben = as_user(ledger.location, "ben")
    with pytest.raises(NotAllowed, match="ben is an operator and may not manage users"):
        users.add_user(ben, "cat", "approver", PASSWORDS["cat"])
    with pytest.raises(ValueError, match="at least 8 characters"):
        users.add_user(ben, "cat", "approver", "short")
    ben.close()
    assert [(user.name, user.role) for user in users.users(ledger)] == [
        ("ann", Role.ADMIN), ("ben", Role.OPERATOR)]


def test_passwords_are_kept_as_scrypt_hashes(sqlite_ledger):
    ledger = sqlite_ledger
    users.add_user(ledger, "ann", "admin", PASSWORDS["ann"])
    [[stored]] = ledger.reading(
        lambda conn: conn.execute("SELECT password_hash FROM users").fetchall())
    assert stored.startswith("scrypt$32768$8$1$") and PASSWORDS["ann"] not in stored


def test_wrong_passwords_are_refused_audited_and_rate_limited(sqlite_ledger):
    ledger = sqlite_ledger
    team(ledger).close()
    moment = [utc_now()]
    for _ in range(users.FREE_ATTEMPTS):
        with pytest.raises(SignInRefused, match="wrong user name or password"):
            users.sign_in(ledger, "ben", "not-his-password", clock=lambda: moment[0])
    # Locked now, even with the right password, on every desk.
    other = Ledger(ledger.location, profile="offline")
    try:
        with pytest.raises(SignInRefused, match="too many wrong passwords for ben: try again"):
            users.sign_in(other, "ben", PASSWORDS["ben"], clock=lambda: moment[0])
    finally:
        other.close()
    moment[0] += users.FIRST_LOCK + timedelta(seconds=1)
    assert users.sign_in(ledger, "ben", PASSWORDS["ben"], clock=lambda: moment[0]).role \
        is Role.OPERATOR
    actions = [(entry.action, entry.subject) for entry in audit.entries(ledger)]
    assert actions.count(("sign_in_refused", "ben")) == users.FREE_ATTEMPTS + 1
    assert actions[-1] == ("sign_in", "ben")


def test_a_disabled_user_cannot_sign_in(ledger, admin):
    users.disable_user(admin, "ben")
    if is_url(ledger.location):  # the server refuses the login itself
        from mpesa_desktop.ledger import LedgerUnavailable

        with pytest.raises(LedgerUnavailable):
            as_user(ledger.location, "ben")
    else:
        with pytest.raises(SignInRefused, match="ben is disabled: ask an admin"):
            as_user(ledger.location, "ben")
    with pytest.raises(NotAllowed, match="does not disable themself"):
        users.disable_user(admin, "ann")


def test_a_payout_above_the_policy_waits_and_a_small_one_does_not(ledger, admin):
    assert policy.set_policy(admin, 1000, 50_000).version == 1
    maker = as_user(ledger.location, "ben")
    try:
        assert payout(maker, 1000).status == "sending"
        held = payout(maker, 1001, "254708374150")
        big = payout(maker, 50_001, "254708374151")
    finally:
        maker.close()
    assert held.status == "awaiting_approval" and held.operator == "ben"
    assert ledger.hold(held.reference).approvals_needed == 1
    assert ledger.hold(big.reference).approvals_needed == 2
    with pytest.raises(NotAllowed, match="ben is an operator"):
        policy.set_policy(as_user(ledger.location, "ben"), None, None)


def test_a_maker_never_approves_their_own_payout(ledger, admin):
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "cat")  # an approver making a payout
    try:
        row = payout(maker, 500)
        with pytest.raises(ApprovalRefused, match="cat made this payout: a maker never"):
            maker.approve(row.reference)
        assert maker.get(row.reference).status == "awaiting_approval"
    finally:
        maker.close()
    refused = [entry for entry in audit.entries(ledger) if entry.action == "approve_refused"]
    assert [entry.actor for entry in refused] == ["cat"]


def test_the_database_refuses_a_makers_own_approval_sent_as_raw_sql(ledger, admin):
    """A modified client that skips the app's checks and writes the approval itself."""
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "cat")
    try:
        row = payout(maker, 500)

        def approve_own(conn):
            conn.execute("INSERT INTO approvals (transaction_id, approver, decision, at) "
                         "VALUES (:id, 'cat', 'approve', '2026-12-05T10:00:00.000000Z')",
                         {"id": row.id})
            conn.execute("UPDATE transactions SET status = 'sending' WHERE id = :id",
                         {"id": row.id})

        with pytest.raises(ledger.backend.integrity_errors,
                           match="a maker never approves their own payout"):
            maker.writing(approve_own)

        def release_unapproved(conn):
            conn.execute("UPDATE transactions SET status = 'sending' WHERE id = :id",
                         {"id": row.id})

        with pytest.raises(ledger.backend.integrity_errors, match="needs more approvals"):
            maker.writing(release_unapproved)
        assert maker.get(row.reference).status == "awaiting_approval"
    finally:
        maker.close()


def test_an_auditor_or_operator_cannot_approve(ledger, admin):
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "ben")
    row = payout(maker, 700)
    maker.close()
    for name in ("eve", "ben", "ann"):
        desk = as_user(ledger.location, name)
        try:
            with pytest.raises(ApprovalRefused, match=f"{name} may not approve or decline payouts"):
                desk.approve(row.reference)
        finally:
            desk.close()
    assert ledger.get(row.reference).status == "awaiting_approval"


def test_two_approvers_clicking_at_the_same_moment_release_it_once(ledger, admin):
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "ben")
    row = payout(maker, 900)
    maker.close()
    desks = [as_user(ledger.location, "cat"), as_user(ledger.location, "dan")]
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def click(desk: Ledger) -> None:
        start.wait()
        try:
            outcomes.append(desk.approve(row.reference))
        except ApprovalRefused as error:
            outcomes.append(error)

    threads = [threading.Thread(target=click, args=(desk,)) for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for desk in desks:
        desk.close()
    released = [outcome for outcome in outcomes if not isinstance(outcome, ApprovalRefused)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ApprovalRefused)]
    assert len(released) == 1 and released[0].released
    assert len(refused) == 1 and "not awaiting approval" in str(refused[0])
    assert ledger.get(row.reference).status == "sending"
    assert [event.new_status for event in ledger.events(row.reference)] == [
        "awaiting_approval", "sending"]


def test_two_approvers_are_needed_above_the_second_amount(ledger, admin):
    policy.set_policy(admin, 100, 10_000)
    maker = as_user(ledger.location, "ben")
    row = payout(maker, 20_000)
    maker.close()
    cat = as_user(ledger.location, "cat")
    first = cat.approve(row.reference, "checked the invoice")
    assert not first.released and first.transaction.status == "awaiting_approval"
    with pytest.raises(ApprovalRefused, match="cat has already approved"):
        cat.approve(row.reference)
    cat.close()
    dan = as_user(ledger.location, "dan")
    second = dan.approve(row.reference)
    dan.close()
    assert second.released and second.transaction.status == "sending"
    assert ledger.hold(row.reference).approvers == ("cat", "dan")


def test_approving_under_a_changed_policy_is_refused(ledger, admin):
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "ben")
    row = payout(maker, 300)
    maker.close()
    policy.set_policy(admin, 100, None)
    cat = as_user(ledger.location, "cat")
    try:
        with pytest.raises(ApprovalRefused, match=r"policy changed after .* \(version 1, now 2\)"):
            cat.approve(row.reference)
        declined = cat.decline(row.reference, "submit again under the new policy")
    finally:
        cat.close()
    assert declined.transaction.status == "declined"
    assert [entry.action for entry in audit.entries(ledger)][-2:] == [
        "approve_refused", "declined"]


def test_a_decline_needs_a_reason_and_is_final(ledger, admin):
    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "ben")
    row = payout(maker, 300)
    maker.close()
    dan = as_user(ledger.location, "dan")
    try:
        with pytest.raises(ApprovalRefused, match="needs a reason"):
            dan.decline(row.reference, "  ")
        dan.decline(row.reference, "wrong account")
        with pytest.raises(ApprovalRefused, match="'declined', not awaiting approval"):
            dan.approve(row.reference)
    finally:
        dan.close()


def test_a_twin_of_a_payout_awaiting_approval_is_refused(ledger, admin):
    from mpesa_desktop.ledger.statuses import DuplicateRow

    policy.set_policy(admin, 0, None)
    maker = as_user(ledger.location, "ben")
    try:
        payout(maker, 400)
        with pytest.raises(DuplicateRow, match="awaiting_approval"):
            payout(maker, 400)
    finally:
        maker.close()


def test_audit_verify_finds_a_changed_or_deleted_entry(ledger, admin, tmp_path):
    policy.set_policy(admin, 0, None)
    assert audit.verify(ledger) == []

    def tamper(conn, sql):
        conn.execute(sql)

    # The database refuses to change or delete an entry...
    with pytest.raises(Exception, match="append-only"):
        ledger.writing(lambda conn: tamper(conn, "UPDATE audit SET actor = 'x' WHERE seq = 3"))
    with pytest.raises(Exception, match="append-only"):
        ledger.writing(lambda conn: tamper(conn, "DELETE FROM audit WHERE seq = 3"))
    # ...and whoever gets round that (the file's owner drops the trigger; a superuser turns it
    # off) is found out.
    _as_owner(ledger, "UPDATE audit SET actor = 'mallory' WHERE seq = 3")
    assert audit.verify(ledger) == ["entry 3 was changed after it was written "
                                    "(user_added by mallory)"]
    _as_owner(ledger, "DELETE FROM audit WHERE seq = 5")
    assert "entry 5 was deleted" in audit.verify(ledger)
    last = ledger.reading(lambda conn: conn.execute("SELECT max(seq) FROM audit").fetchone()[0])
    _as_owner(ledger, f"DELETE FROM audit WHERE seq = {last}")
    assert f"entries {last} to {last} were deleted from the end of the trail" in \
        audit.verify(ledger)


def _as_owner(ledger: Ledger, sql: str) -> None:
    """``sql`` on the audit table with its append-only guard out of the way."""
    if is_url(ledger.location):
        def run(conn):
            conn.execute("ALTER TABLE audit DISABLE TRIGGER audit_append_only")
            conn.execute(sql)
            conn.execute("ALTER TABLE audit ENABLE TRIGGER audit_append_only")
        ledger.writing(run)
        return
    import sqlite3

    conn = sqlite3.connect(ledger.path)
    conn.execute("DROP TRIGGER IF EXISTS audit_not_changed")
    conn.execute("DROP TRIGGER IF EXISTS audit_not_deleted")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_the_audit_trail_exports_as_csv(ledger, admin, tmp_path):
    out = tmp_path / "audit.csv"
    assert audit.export_csv(ledger, out) == 6
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "seq,at,actor,action,subject,detail,prev_hash,hash"
    assert lines[1].startswith("1,") and ",ann,user_added,ann," in lines[1]
    assert "+03:00" in lines[1]


@pytest.fixture
def team_ledger(postgres_url):
    """A team ledger whose tables belong to its owner (the DBA), with the team's logins."""
    owner = Ledger(postgres_url, profile="offline")
    admin = team(owner)
    yield owner, admin
    admin.close()
    owner.close()


def test_on_postgresql_a_modified_client_cannot_approve_its_own_payout(team_ledger):
    """Raw SQL on ben's own login, as a modified client would send it: the database refuses
    every way round the rules (row-level security, triggers, privileges)."""
    import psycopg

    owner, admin = team_ledger
    policy.set_policy(admin, 0, None)
    ben = as_user(owner.location, "ben")
    row = payout(ben, 800)
    ben.close()
    assert owner.get(row.reference).operator == "ben"
    url = with_login(str(owner.location), "ben")
    attempts = {
        "approve as himself": "INSERT INTO approvals (transaction_id, approver, decision, at) "
                              f"VALUES ({row.id}, 'ben', 'approve', 'x')",
        "approve as cat": "INSERT INTO approvals (transaction_id, approver, decision, at) "
                          f"VALUES ({row.id}, 'cat', 'approve', 'x')",
        "release it": f"UPDATE transactions SET status = 'sending' WHERE id = {row.id}",
        "make himself approver": "UPDATE users SET role = 'approver' WHERE name = 'ben'",
        "add an approver": "INSERT INTO users (name, role, created_at) "
                           "VALUES ('mallory', 'approver', 'x')",
        "drop the policy": "INSERT INTO policies (version, set_by, set_at) VALUES (9, 'ben', 'x')",
        "delete the trail": "DELETE FROM audit",
        "edit the trail": "UPDATE audit SET actor = 'cat'",
        "turn the guard off": "ALTER TABLE audit DISABLE TRIGGER audit_append_only",
        "turn security off": "ALTER TABLE approvals DISABLE ROW LEVEL SECURITY",
    }
    for what, sql in attempts.items():
        with psycopg.connect(url) as conn:
            with pytest.raises(psycopg.Error):
                conn.execute(sql)
            conn.rollback()
        assert owner.get(row.reference).status == "awaiting_approval", what
    # A row ben writes is his, whatever operator his client names.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO transactions (reference, operation, profile, status, amount, "
                     "party_b, operator, created_at, updated_at) VALUES ('forged', 'b2c', "
                     "'offline', 'draft', 5, '254708374149', 'cat', "
                     "'2026-12-05T10:00:00.000000Z', '2026-12-05T10:00:00.000000Z')")
    assert owner.get("forged").operator == "ben"
    assert audit.verify(owner) == []
    # cat, through the app and her own login, approves it.
    cat = as_user(owner.location, "cat")
    assert cat.approve(row.reference).released
    cat.close()


def test_on_postgresql_users_are_logins_with_scram_passwords(team_ledger, postgres_server):
    import psycopg

    owner, admin = team_ledger
    with psycopg.connect(postgres_server.url()) as conn:
        found = dict(conn.execute("SELECT rolname, rolpassword FROM pg_authid "
                                  "WHERE rolname IN ('ann', 'ben')").fetchall())
    assert set(found) == {"ann", "ben"}
    assert all(stored.startswith("SCRAM-SHA-256$4096:") for stored in found.values())
    assert not any(PASSWORDS[name] in stored for name, stored in found.items())
    stored_hashes = owner.reading(lambda conn: conn.execute(
        "SELECT password_hash FROM users").fetchall())
    assert {value for (value,) in stored_hashes} == {None}  # the server keeps them
    with pytest.raises(SignInRefused, match="connected as ann"):
        users.sign_in(admin, "ben", PASSWORDS["ben"])


def test_a_copied_log_leaves_its_users_and_audit_trail_behind(sqlite_ledger, postgres_url):
    """A team's users are its database's logins: a desk's users, policy and audit trail stay
    with its file, and the team's own trail is whole from its first entry."""
    from mpesa_desktop.ledger.copy import copy_ledger

    team(sqlite_ledger).close()
    copy_ledger(sqlite_ledger.path, postgres_url)
    with Ledger(postgres_url, profile="offline") as copied:
        assert not copied.has_users
        assert audit.verify(copied) == []
        users.add_user(copied, "ann", "admin", PASSWORDS["ann"])
        assert audit.verify(copied) == []


def test_resolutions_and_exports_are_audited_and_need_a_user(ledger, admin, tmp_path):
    from mpesa_desktop.services.exports import export_log
    from mpesa_desktop.services.resolve import resolve

    ben = as_user(ledger.location, "ben")
    try:
        row = payout(ben, 600)
        ben.transition(row.reference, "unknown", source="ack")
        resolve(ben, row.reference, "failed", "M-Pesa portal shows no such payment")
        export_log(ben, tmp_path / "month.csv")
    finally:
        ben.close()
    with pytest.raises(NotAllowed, match="sign in first"):
        export_log(ledger, tmp_path / "nobody.csv")
    entries = [(entry.actor, entry.action, entry.subject) for entry in audit.entries(ledger)]
    assert ("ben", "resolved", row.reference) in entries
    assert ("ben", "exported", str(tmp_path / "month.csv")) in entries
