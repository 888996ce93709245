"""Files shipped with mpesa-desktop: Safaricom's public certificates and the simulator's own key.

Read them with ``importlib.resources.files("mpesa_desktop.resources")``.
"""
