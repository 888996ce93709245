"""The callback relay: stores Daraja's callbacks durably and feeds them to the app's poller.

- ``settings``: a relay directory (``relay init``): settings and the two secrets;
- ``server``: the aiohttp app (callback routes, ``/v1/events`` feed, ``/healthz``);
- ``payloads``: reading a callback body; what cannot be decoded is repaired, not lost;
- ``limits``: header, body and idle timeouts and connection caps (``GuardedSite``), whose
  values are ``connection_limits.RelayLimits`` (no aiohttp: ``settings`` reads them);
- ``store``: the durable SQLite store with group commit and the quarantine;
- ``allowlist``: client address behind trusted proxies, Safaricom's source addresses;
- ``logs``: logging that never shows the secrets, rate-limited;
- ``embedded``: ``EmbeddedRelay``, the relay on loopback inside the app or a test;
- ``feed``: ``RelayFeed``, the poller's client of the feed.
- ``reference``: the ledger reference (``?ref=``) a callback URL may carry.

Standalone: it imports nothing of the app but ``background_server`` and ``private_files``.
"""
