"""The simulator's book of accounts: organisation accounts per shortcode and customer wallets.

Every payment moves money between them, so B2C, B2B, STK, C2B, reversal and balance agree:
- B2C debits the payer's Utility Account (charges go to its Charges Paid Account, which runs
  negative as on Daraja) and credits the customer's wallet;
- B2B and tax debit the payer's Working Account and credit the receiver's Utility Account
  (paybill, bulk top-up, KRA) or Merchant Account (till);
- STK push and C2B debit the customer's wallet and credit the Utility Account of a paybill or the
  Merchant Account of a till; a reversal moves the money back.

Organisations are those of the config, plus any sandbox test shortcode (``config.
SANDBOX_SHORTCODES``) opened with the sandbox's opening balances the first time a request names it.
Every move goes through ``_move``/``_move_customer``, which note the holder, so a checkpoint saves
the balances that changed (``take_changed``); ``restore`` puts saved balances back.
"""

from __future__ import annotations

from dataclasses import dataclass

from mpesa_desktop.simulator.config import Organisation, sandbox_organisation

UTILITY = "Utility Account"
WORKING = "Working Account"
CHARGES = "Charges Paid Account"
MERCHANT = "Merchant Account"
B2C_CHARGE_TIERS = ((100, 0), (1_500, 5), (5_000, 9), (20_000, 11))
B2C_TOP_CHARGE = 13


class BookError(Exception):
    """A payment the book refuses; ``result_code`` and ``result_desc`` go into the callback."""

    def __init__(self, result_code: int | str, result_desc: str):
        super().__init__(result_desc)
        self.result_code = result_code
        self.result_desc = result_desc


def insufficient() -> BookError:
    return BookError(1, "The balance is insufficient for the transaction.")


def not_permitted() -> BookError:
    return BookError(2028, "The request is not permitted according to product assignment.")


def invalid_debit_party() -> BookError:
    return BookError(11, "The DebitParty is in an invalid state.")


def unknown_receiver() -> BookError:
    return BookError("SFC_IC0003", "The operator does not exist.")


def b2c_charge(amount: float) -> float:
    for ceiling, charge in B2C_CHARGE_TIERS:
        if amount <= ceiling:
            return float(charge)
    return float(B2C_TOP_CHARGE)


@dataclass
class OrgAccounts:
    shortcode: str
    kind: str
    name: str
    balances: dict[str, float]
    head_office: str | None = None

    @property
    def public_name(self) -> str:
        return f"{self.shortcode} - {self.name}"

    @property
    def receiving_account(self) -> str:
        """Where customer payments land: a till's Merchant Account, a paybill's Utility."""
        return MERCHANT if self.kind == "till" else UTILITY

    def balance_string(self) -> str:
        """Daraja's packed AccountBalance: ``Name|KES|current|available|reserved|uncleared``
        per account, joined with ``&``."""
        return "&".join(
            f"{name}|KES|{value:.2f}|{value:.2f}|0.00|0.00" for name, value in self.balances.items()
        )

    def account_string(self, account: str) -> str:
        value = self.balances[account]
        return f"{account}|KES|{value:.2f}|{value:.2f}|0.00|0.00"


def _accounts(org: Organisation) -> OrgAccounts:
    return OrgAccounts(org.shortcode, org.kind, org.name,
                       {k: float(v) for k, v in org.balances.items()}, org.head_office)


class Book:
    """Balances of the organisations (from the config, and sandbox shortcodes in ``sandbox``
    opened on first use) and of customers (opened on first use)."""

    def __init__(self, organisations: list[Organisation], customer_balance: float,
                 sandbox: range = range(0)):
        self._orgs = {org.shortcode: _accounts(org) for org in organisations}
        self._sandbox = sandbox
        self._customers: dict[str, float] = {}
        self._opening_customer_balance = float(customer_balance)
        self._changed_orgs: set[str] = set()
        self._changed_customers: set[str] = set()

    def restore(self, organisations: dict[str, dict[str, float]],
                customers: dict[str, float]) -> None:
        """Put back saved balances: those of the organisations the config still names (or the
        sandbox range still holds), and every customer's."""
        for shortcode, balances in organisations.items():
            org = self._orgs.get(shortcode) or self._open_sandbox(shortcode)
            if org is not None:
                org.balances.update(balances)
        self._customers.update(customers)

    def take_changed(self) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
        """``(organisations, customers)``: the balances changed since the last call."""
        orgs = {code: dict(self._orgs[code].balances) for code in self._changed_orgs}
        customers = {msisdn: self._customers[msisdn] for msisdn in self._changed_customers}
        self._changed_orgs.clear()
        self._changed_customers.clear()
        return orgs, customers

    def _move(self, org: OrgAccounts, account: str, amount: float) -> None:
        """Add ``amount`` (negative: take it) to one account of an organisation."""
        org.balances[account] = org.balances.get(account, 0.0) + amount
        self._changed_orgs.add(org.shortcode)

    def _move_customer(self, msisdn: str, amount: float) -> None:
        self._customers[str(msisdn)] = self.customer(msisdn) + amount
        self._changed_customers.add(str(msisdn))

    def org(self, shortcode: str) -> OrgAccounts | None:
        """The organisation of ``shortcode``; a sandbox shortcode is opened on first use."""
        code = str(shortcode)
        org = self._orgs.get(code)
        if org is None:
            org = self._open_sandbox(code)
            if org is not None:
                self._changed_orgs.add(code)  # saved with its opening balances
        return org

    def _open_sandbox(self, code: str) -> OrgAccounts | None:
        if not (code.isdigit() and not code.startswith("0") and int(code) in self._sandbox):
            return None
        org = self._orgs[code] = _accounts(sandbox_organisation(code))
        return org

    def may_reverse(self, receiver_party: str, credited: str | None) -> bool:
        """Whether ``receiver_party`` (a reversal's) is the shortcode a payment ``credited``,
        or a head office above it."""
        seen: set[str] = set()
        while credited is not None and credited not in seen:
            if credited == receiver_party:
                return True
            seen.add(credited)
            org = self._orgs.get(credited)
            credited = org.head_office if org is not None else None
        return False

    def customer(self, msisdn: str) -> float:
        return self._customers.setdefault(str(msisdn), self._opening_customer_balance)

    def customers(self) -> dict[str, float]:
        return dict(self._customers)

    def organisations(self) -> list[OrgAccounts]:
        return list(self._orgs.values())

    def _payer(self, shortcode: str, account: str) -> OrgAccounts:
        payer = self.org(shortcode)
        if payer is None or account not in payer.balances:
            raise invalid_debit_party()
        return payer

    def b2c(self, party_a: str, msisdn: str, amount: float) -> float:
        """Pay a customer from the Utility Account; return the charge."""
        payer = self._payer(party_a, UTILITY)
        if payer.balances[UTILITY] < amount:
            raise insufficient()
        charge = b2c_charge(amount)
        self._move(payer, UTILITY, -amount)
        self._move(payer, CHARGES, -charge)
        self._move_customer(msisdn, amount)
        return charge

    def b2b(self, party_a: str, party_b: str, amount: float, command_id: str) -> OrgAccounts:
        """Pay another organisation from the Working Account; return the receiver."""
        payer = self._payer(party_a, WORKING)
        receiver = self.org(party_b)
        if receiver is None:
            raise unknown_receiver()
        wants_till = command_id == "BusinessBuyGoods"
        if wants_till != (receiver.kind == "till"):
            raise not_permitted()
        if payer.balances[WORKING] < amount:
            raise insufficient()
        self._move(payer, WORKING, -amount)
        self._move(receiver, receiver.receiving_account, amount)
        return receiver

    def pay_in(self, msisdn: str, shortcode: str, amount: float) -> OrgAccounts:
        """A customer pays an organisation (STK push, C2B); return the organisation."""
        receiver = self.org(shortcode)
        if receiver is None:
            raise not_permitted()
        if self.customer(msisdn) < amount:
            raise insufficient()
        self._move_customer(msisdn, -amount)
        self._move(receiver, receiver.receiving_account, amount)
        return receiver

    def refund(self, shortcode: str, msisdn: str, amount: float) -> OrgAccounts:
        """Reverse a customer payment: the organisation's receiving account pays it back."""
        payer = self.org(shortcode)
        if payer is None:
            raise invalid_debit_party()
        account = payer.receiving_account
        if payer.balances.get(account, 0.0) < amount:
            raise insufficient()
        self._move(payer, account, -amount)
        self._move_customer(msisdn, amount)
        return payer

    def top_up(self, shortcode: str, account: str, amount: float) -> float:
        """Add ``amount`` to one account of an organisation (an admin call, so that long
        benchmarks never run out of money); return the new balance."""
        org = self.org(shortcode)
        if org is None:
            raise ValueError(f"shortcode: {shortcode} is not an organisation of the simulator")
        if account not in org.balances:
            raise ValueError(f"account: {shortcode} has no {account!r}; choose from "
                             f"{', '.join(org.balances)}")
        self._move(org, account, amount)
        return org.balances[account]

    def top_up_customer(self, msisdn: str, amount: float) -> float:
        """Add ``amount`` to a customer's balance; return the new balance."""
        self._move_customer(msisdn, amount)
        return self.customer(msisdn)
