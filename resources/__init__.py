"""Files shipped with mpesa-desktop: Safaricom's public certificates, the simulator's own key and
the user guide (``guide/index.html``).

Read them with ``importlib.resources.files("mpesa_desktop.resources")``.
"""
